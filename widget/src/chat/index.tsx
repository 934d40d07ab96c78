import { render } from 'preact';
import { addStyles } from '../shared/add-styles';
import type { ChatBridge, ChatHandle, WidgetConfig } from '../shared/contract';
import { ChatStore } from './chat-store';
import { preloadForms, Reply } from './components/lazy-parts';
import { Panel } from './components/Panel';
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
      if (open) (window.requestIdleCallback ?? setTimeout)(preloadForms);
    },
  }, createVisitorStore(config.bot, () => window.localStorage));
  render(<Panel store={store} config={config} host={root.host as HTMLElement} />, container);
  return store;
}
