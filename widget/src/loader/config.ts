import type { Position, WidgetConfig } from '../shared/contract';

export const DEFAULT_Z_INDEX = 2147483000;

/** A script tag, as far as the config needs it. */
export interface ScriptLike {
  src: string;
  nonce?: string;
  getAttribute(name: string): string | null;
}

/** Reads the widget's settings from its own script tag; `undefined` when `data-bot` is missing. */
export function readConfig(script: ScriptLike, pageUrl: string): WidgetConfig | undefined {
  const bot = script.getAttribute('data-bot')?.trim();
  if (!bot) return undefined;
  const attr = (name: string) => script.getAttribute(`data-${name}`)?.trim() || undefined;
  // Unset (or not left/right): the bot's own position, from its config answer.
  const side = attr('position');
  const position: Position | undefined = side === 'left' || side === 'right' ? side : undefined;
  // parseInt(undefined) is NaN, as for any value that is not a number.
  const int = (name: string) => parseInt(attr(name)!, 10);
  const z = int('z-index');
  const offset = int('offset');
  return {
    backend: new URL(script.src, pageUrl).origin,
    bot,
    locale: attr('locale'),
    position,
    open: attr('open') === 'true',
    sound: attr('sound') === 'true',
    zIndex: Number.isFinite(z) ? z : DEFAULT_Z_INDEX,
    offset: offset > 0 ? offset : 0,
    nonce: script.nonce || undefined,
  };
}

const OWN_SRC = /\/widget\.js(?:[?#]|$)/;

/** `document.currentScript`, else the last script whose src ends with widget.js. */
export function findOwnScript(doc: Document): HTMLScriptElement | undefined {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const scripts = Array.from(doc.querySelectorAll<HTMLScriptElement>('script[src]'));
  return scripts.reverse().find((s) => OWN_SRC.test(s.src));
}
