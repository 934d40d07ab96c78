import { CHAT_GLOBAL, type ChatModule, type WidgetConfig } from '../shared/contract';

/**
 * Adds the chat chunk as a plain `<script src>` (no eval, so CSP `script-src` with the
 * backend's origin or the loader's nonce is enough) and resolves with what it registered.
 */
export function loadChat(config: WidgetConfig): Promise<ChatModule> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${config.backend}/widget/${__CUSTOMCHAT_CHAT_FILE__}`;
    script.async = true;
    if (config.nonce) script.nonce = config.nonce;
    script.onload = () => {
      const chat = (window as unknown as Record<string, ChatModule | undefined>)[CHAT_GLOBAL];
      if (chat) resolve(chat);
      else reject(new Error(`${script.src} did not register the chat`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${script.src}`));
    };
    document.head.append(script);
  });
}
