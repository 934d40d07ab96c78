import type { WidgetConfig } from '../shared/contract';
import type { SiteAnswer } from './load-chat';
import { addStyles } from '../shared/add-styles';
import { launcherStyles } from './launcher-styles';

const svg = (name: string, d: string) => `<svg class="cc-icon-${name}" viewBox="0 0 24 24" aria-hidden="true"><path d="${d}"/></svg>`;
/** A static string (no page data in it), so `innerHTML` is safe here. */
const BUTTON = `<button type="button" class="cc-launcher" part="launcher" data-testid="cc-launcher" aria-haspopup="dialog">${
  svg('chat', 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.4A8 8 0 1 1 21 12z')}${svg('close', 'M6 6l12 12M18 6L6 18')}</button>`;

export interface Launcher {
  root: ShadowRoot;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
  /** Lifts the bubble and the panel by px (`data-offset`, `CustomChat('offset', px)`). */
  offset(px: number): void;
}

/**
 * `<div id="customchat-root">` with an open shadow root holding the launcher bubble, drawn at once
 * in the bot's colour and corner (`config.position` is `data-position` or the bot's) when the
 * config answer named them; the chat later sets the same properties (theme.ts applyAccent).
 */
export function createLauncher(config: WidgetConfig, labels: { open: string; close: string }, answer?: SiteAnswer): Launcher {
  const host = document.createElement('div');
  host.id = 'customchat-root';
  host.setAttribute('data-position', config.position!);
  const set = (name: string, value: unknown) => host.style.setProperty(`--cc-${name}`, String(value));
  set('z', config.zIndex);
  const offset = (px: number) => set('offset', `${px}px`);
  offset(config.offset);
  if (answer?.color) {
    set('accent', answer.color);
    set('on-accent', answer.ink);
  }
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = BUTTON;
  const button = root.firstChild as HTMLButtonElement;

  function setOpen(open: boolean): void {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? labels.close : labels.open);
    // Closing from inside the panel gives the focus back to the bubble.
    if (!open && root.activeElement && root.activeElement !== button) button.focus();
  }

  setOpen(false);
  addStyles(root, launcherStyles, config.nonce);
  document.body.append(host);
  return { root, button, setOpen, offset };
}
