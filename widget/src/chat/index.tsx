import { render } from 'preact';
import { addStyles } from '../shared/add-styles';
import { CHAT_GLOBAL, type ChatBridge, type ChatHandle, type ChatModule, type WidgetConfig } from '../shared/contract';
import { ChatStore } from './chat-store';
import { Panel } from './components/Panel';
import { createVisitorStore } from './storage';
import { markdownStyles } from './markdown/markdown-styles';
import { styles } from './styles';

/** Renders the panel into the loader's shadow root and hands back the page API commands. */
function mount(root: ShadowRoot, config: WidgetConfig, bridge: ChatBridge): ChatHandle {
  addStyles(root, styles + markdownStyles, config.nonce);
  const container = document.createElement('div');
  root.append(container);

  const store = new ChatStore(config, bridge, createVisitorStore(config.bot, () => window.localStorage));
  render(<Panel store={store} config={config} host={root.host as HTMLElement} />, container);
  return store;
}

(window as unknown as Record<string, ChatModule>)[CHAT_GLOBAL] = { mount };
