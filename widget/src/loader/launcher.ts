import type { WidgetConfig } from '../shared/contract';
import { addStyles } from '../shared/add-styles';
import { launcherStyles } from './launcher-styles';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_PATH = 'M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.4A8 8 0 1 1 21 12z';
const CLOSE_PATH = 'M6 6l12 12M18 6L6 18';

function icon(className: string, d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const path = document.createElementNS(SVG, 'path');
  const attrs: Record<string, string> = {
    viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2',
    'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', class: className,
  };
  for (const [name, value] of Object.entries(attrs)) svg.setAttribute(name, value);
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

export interface Launcher {
  root: ShadowRoot;
  button: HTMLButtonElement;
  setOpen(open: boolean): void;
}

/** `<div id="customchat-root">` with an open shadow root holding the launcher bubble. */
export function createLauncher(config: WidgetConfig, labels: { open: string; close: string }): Launcher {
  const host = document.createElement('div');
  host.id = 'customchat-root';
  host.setAttribute('data-position', config.position);
  host.style.setProperty('--cc-z', String(config.zIndex));
  const root = host.attachShadow({ mode: 'open' });


  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'cc-launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('data-testid', 'cc-launcher');
  button.setAttribute('aria-haspopup', 'dialog');
  button.append(icon('cc-icon-chat', CHAT_PATH), icon('cc-icon-close', CLOSE_PATH));

  function setOpen(open: boolean): void {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? labels.close : labels.open);
    // Closing from inside the panel gives the focus back to the bubble.
    if (!open && root.activeElement && root.activeElement !== button) button.focus();
  }

  setOpen(false);
  addStyles(root, launcherStyles, config.nonce);
  root.append(button);
  document.body.append(host);
  return { root, button, setOpen };
}
