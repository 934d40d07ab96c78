import type { ChatModule, Position, WidgetConfig } from '../shared/contract';

/**
 * Imports the chat's entry module and the chunks it imports (modules are fetched with CORS; a
 * dynamic import inherits the loader's CSP nonce). A failure's message names the URL.
 */
export const loadChat = (config: WidgetConfig): Promise<ChatModule> => import(`${config.backend}/widget/${__CUSTOMCHAT_CHAT_FILE__}`);

/** What `GET /widget/config/<bot>` says about this page (see the backend's WidgetConfigController). */
export interface SiteAnswer {
  allowed?: boolean;
  enabled?: boolean;
  /** The bot's colour (`#rrggbb`) and the icon colour that reads on it. */
  color?: string;
  ink?: string;
  position?: Position;
}

/**
 * The backend's answer for this page, loaded as a plain `<script src>` with the page's Origin
 * (no eval, so CSP `script-src` with the backend's origin or the loader's nonce is enough);
 * `undefined` when it could not be had (the bubble shows then, in the default colour).
 */
export function loadSiteAnswer(config: WidgetConfig): Promise<SiteAnswer | undefined> {
  return new Promise((resolve) => {
    (window as unknown as { __customchatConfig: typeof resolve }).__customchatConfig = resolve;
    const script = document.createElement('script');
    script.src = `${config.backend}/widget/config/${encodeURIComponent(config.bot)}`;
    script.crossOrigin = '';
    if (config.nonce) script.nonce = config.nonce;
    // After the answer ran, or instead of it: a second resolve changes nothing.
    script.onload = script.onerror = () => resolve(undefined);
    document.head.append(script);
  });
}
