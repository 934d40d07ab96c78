import { render } from 'preact';
import { addStyles } from '../shared/add-styles';
import type { ChatBridge, ChatHandle, WidgetConfig } from '../shared/contract';
import { ChatStore } from './chat-store';
import { preloadRest, Reply, Unread } from './components/lazy-parts';
import { Panel } from './components/Panel';
import { pickLocale } from './i18n';
import { createVisitorStore } from './storage';
import { markdownStyles } from './markdown/markdown-styles';
import { styles } from './styles';

/**
 * The chat's entry module (`chat-<hash>.js`, an ES module the loader imports). Renders the panel
 * into the loader's shadow root and hands back the page API commands.
 */
export function mount(root: ShadowRoot, config: WidgetConfig, bridge: ChatBridge): ChatHandle {
  addStyles(root, styles + markdownStyles, config.nonce);
  // The reply renderer now: the chat mounts before the panel opens (pointer, focus, idle), and a
  // reply can show only after the socket's session, so it is there when a reply is.
  void Reply.preload();
  const container = document.createElement('div');
  root.append(container);

  const store = new ChatStore(config, {
    ...bridge,
    openChanged(open) {
      bridge.openChanged(open);
      // Once open, the parts it may need later (lazy chunks) come while nothing else happens.
      if (open) (window.requestIdleCallback ?? setTimeout)(preloadRest);
    },
  }, createVisitorStore(config.bot, () => window.localStorage));
  render(<Panel store={store} config={config} host={root.host as HTMLElement} />, container);
  watchUnread(root, store, config);
  return store;
}

/**
 * Replies (the bot's, or a staff member's: what the panel's live region announces) that arrive
 * while the panel is closed: counted, and shown on the launcher (Unread) until the panel opens.
 */
function watchUnread(root: ShadowRoot, store: ChatStore, config: WidgetConfig): void {
  const box = document.createElement('div');
  root.append(box);
  let count = 0;
  let last = store.state.announcement;
  store.subscribe(() => {
    const { open, announcement, bot } = store.state;
    const n = open ? 0 : announcement && announcement !== last ? count + 1 : count;
    last = announcement;
    if (n === count) return;
    count = n;
    render(n ? (
      <Unread locale={pickLocale(config.locale, ...navigator.languages, bot?.locale)} count={n} text={announcement!.text}
        sound={config.sound} nonce={config.nonce} onOpen={() => store.open()} />
    ) : null, box);
  });
}
