import { launcherStrings, pickLocale } from '../chat/i18n';
import type { ChatBridge, WidgetConfig } from '../shared/contract';
import { findOwnScript, readConfig } from './config';
import { createLauncher } from './launcher';
import { loadChat } from './load-chat';
import { createPageApi, replayStubQueue } from './page-api';

/** `window.CustomChat`: the site's stub queues calls in `q` until this replaces it. */
type PageFunction = ((...args: unknown[]) => unknown) & { q?: unknown[]; loaded?: boolean };

const IDLE_FALLBACK_MS = 3000;
const warn = (message: string) => console.warn(`[CustomChat] ${message}`);

function start(config: WidgetConfig): void {
  let loading = false;
  const api = createPageApi({ demand: () => load(), warn });
  const labels = launcherStrings[pickLocale(config.locale, navigator.language)];
  const launcher = createLauncher(config, labels);
  const bridge: ChatBridge = { emit: api.emit, openChanged: launcher.setOpen, identity: api.identity };

  function load(): void {
    if (loading || api.attached()) return;
    loading = true;
    loadChat(config).then(
      (chat) => api.attach(chat.mount(launcher.root, config, bridge)),
      (error: Error) => {
        loading = false; // the next interaction tries again
        warn(error.message);
      },
    );
  }

  const { button } = launcher;
  button.addEventListener('pointerenter', load, { once: true });
  button.addEventListener('focus', load, { once: true });
  // Before the chat is there a click can only mean "open"; after, the bubble toggles.
  button.addEventListener('click', () => api.call(api.attached() ? 'toggle' : 'open'));

  const page = window as unknown as { CustomChat?: PageFunction };
  const stub = page.CustomChat;
  const customChat: PageFunction = (...args) => api.call(...args);
  customChat.loaded = true;
  page.CustomChat = customChat;
  replayStubQueue(api, stub?.q);

  if (config.open) api.call('open');
  if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 10_000 });
  else setTimeout(load, IDLE_FALLBACK_MS);
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
