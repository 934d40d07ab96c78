import { CHAT_GLOBAL, type ChatModule, type WidgetConfig } from '../shared/contract';

/**
 * Adds `<backend>/widget/<path>` as a plain `<script src>` (no eval, so CSP `script-src` with the
 * backend's origin or the loader's nonce is enough). `cors`: sent with the page's Origin.
 */
export function addScript(config: WidgetConfig, path: string, cors?: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${config.backend}/widget/${path}`;
    if (cors) script.crossOrigin = '';
    if (config.nonce) script.nonce = config.nonce;
    script.onload = () => resolve();
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${script.src}`));
    };
    document.head.append(script);
  });
}

/** Loads the chat chunk and resolves with what it registered. */
export const loadChat = (config: WidgetConfig): Promise<ChatModule> =>
  addScript(config, __CUSTOMCHAT_CHAT_FILE__).then(
    () => (window as unknown as Record<string, ChatModule>)[CHAT_GLOBAL] || Promise.reject(new Error('the chat did not register')),
  );

/** What `GET /widget/config/<bot>` says about this page (see the backend's WidgetConfigController). */
export interface SiteAnswer {
  allowed?: boolean;
  enabled?: boolean;
}

/** The backend's answer for this page; `undefined` when it could not be had (the bubble shows then). */
export function loadSiteAnswer(config: WidgetConfig): Promise<SiteAnswer | undefined> {
  return new Promise((resolve) => {
    (window as unknown as { __customchatConfig: typeof resolve }).__customchatConfig = resolve;
    const none = () => resolve(undefined);
    addScript(config, `config/${encodeURIComponent(config.bot)}`, true).then(none, none);
  });
}
