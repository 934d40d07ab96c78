import { launcherStrings, pickLocale } from '../chat/i18n';
import type { ChatBridge, WidgetConfig } from '../shared/contract';
import { findOwnScript, readConfig } from './config';
import { createLauncher, type Launcher } from './launcher';
import { loadChat, loadSiteAnswer } from './load-chat';
import { createPageApi, replayStubQueue } from './page-api';

/** `window.CustomChat`: the site's stub queues calls in `q` until this replaces it. */
type PageFunction = ((...args: unknown[]) => unknown) & { q?: unknown[]; loaded?: boolean };

const IDLE_FALLBACK_MS = 3000;
const warn = (message: string) => console.warn(`[CustomChat] ${message}`);

function start(config: WidgetConfig): void {
  let loading = false;
  let wanted = false;
  let launcher: Launcher | undefined;
  const api = createPageApi({
    demand: () => {
      wanted = true;
      load();
    },
    warn,
    offset: (px) => launcher?.offset((config.offset = px)),
  });

  function load(): void {
    if (!launcher || loading || api.attached()) return;
    loading = true;
    const bridge: ChatBridge = { emit: api.emit, openChanged: launcher.setOpen, identity: api.identity };
    const root = launcher.root;
    loadChat(config).then(
      (chat) => api.attach(chat.mount(root, config, bridge)),
      (error: Error) => {
        loading = false; // the next interaction tries again
        warn(error.message);
      },
    );
  }

  // The page API first, so that the page hears `unavailable` and its queued calls wait for the bubble.
  const page = window as unknown as { CustomChat?: PageFunction };
  const stub = page.CustomChat;
  const customChat: PageFunction = (...args) => api.call(...args);
  customChat.loaded = true;
  page.CustomChat = customChat;
  replayStubQueue(api, stub?.q);
  if (config.open) api.call('open');

  // Switched off, or not on this site: no bubble, and the site's developer is told why.
  void loadSiteAnswer(config).then((answer) => {
    const { bot } = config;
    const origin = location.origin;
    if (answer?.allowed === false || answer?.enabled === false) {
      const allowed = answer.allowed !== false;
      warn(allowed
        ? `bot ${bot} is switched off (or unknown): no chat here`
        : `${origin} is not an allowed site of bot ${bot}: add it to the bot's Allowed websites in the console`);
      return api.emit('unavailable', { reason: allowed ? 'bot_disabled' : 'origin_not_allowed', origin });
    }
    config.position ||= answer?.position || 'right';
    launcher = createLauncher(config, launcherStrings[pickLocale(config.locale, ...navigator.languages)], answer);
    const { button } = launcher;
    button.addEventListener('pointerenter', load, { once: true });
    button.addEventListener('focus', load, { once: true });
    // Before the chat is there a click can only mean "open"; after, the bubble toggles.
    button.addEventListener('click', () => api.call(api.attached() ? 'toggle' : 'open'));
    if (wanted) load();
    else if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 10_000 });
    else setTimeout(load, IDLE_FALLBACK_MS);
  });
}

function boot(): void {
  if ((window as unknown as { CustomChat?: PageFunction }).CustomChat?.loaded) return warn('widget.js is on the page twice');
  // currentScript is only set while this runs for the first time, so read it now.
  const script = findOwnScript(document);
  const config = script && readConfig(script, location.href);
  if (!config) return warn('the widget.js script tag needs a data-bot attribute');
  if (document.body) start(config);
  else document.addEventListener('DOMContentLoaded', () => start(config), { once: true });
}

boot();
