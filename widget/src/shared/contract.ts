/**
 * The contract between the loader (widget.js) and the lazily loaded chat: types only. The loader
 * `import()`s the chat's entry module (`chat-<hash>.js`), which exports `mount` (ChatModule).
 */

export type Position = 'right' | 'left';

/** What the loader read from its script tag. */
export interface WidgetConfig {
  /** Backend origin, e.g. `https://chat.example.com` (no trailing slash). */
  backend: string;
  /** The bot's public key (`data-bot`). */
  bot: string;
  /** `data-locale`, when given. */
  locale?: string;
  /** `data-position`, else the bot's position (the config answer), else right. */
  position?: Position;
  /** `data-open="true"`: open the panel at load. */
  open: boolean;
  zIndex: number;
  /** `data-offset`: px the bubble (and the panel) sit higher, e.g. above a cookie bar. */
  offset: number;
  /** `data-sound="true"`: a chime when a reply arrives while the panel is closed. */
  sound?: boolean;
  /** CSP nonce of the loader's script tag, reused for the chunk and its `<style>`. */
  nonce?: string;
}

/** `unavailable`: no bubble on this page (`{ reason, origin }`: the bot is switched off, or the site is not allowed). */
export type WidgetEvent = 'open' | 'close' | 'message' | 'reply' | 'unavailable';

export interface Identity {
  id: string;
  name?: string;
  email?: string;
  hash?: string;
}

/** What the loader gives the chat: a way back to the page and the launcher. */
export interface ChatBridge {
  /** Fires the page's `CustomChat('on', event, fn)` listeners. */
  emit(event: WidgetEvent, detail?: unknown): void;
  /** The chat opened or closed its panel (the launcher mirrors it). */
  openChanged(open: boolean): void;
  /** The last `CustomChat('identify', …)` object, if any. */
  identity(): Identity | undefined;
}

/** What the chat gives back: the page API commands that need it. */
export interface ChatHandle {
  open(): void;
  close(): void;
  toggle(): void;
  /** Forget this visitor on this device and start over. */
  reset(): void;
}

export interface ChatModule {
  mount(root: ShadowRoot, config: WidgetConfig, bridge: ChatBridge): ChatHandle;
}
