import { useEffect, useState } from 'preact/hooks';
import type { ChatState, ChatStore } from './chat-store';

/** Re-renders on every change of the store. */
export function useChatState(store: ChatStore): ChatState {
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe(() => setState(store.state));
  }, [store]);
  return state;
}
