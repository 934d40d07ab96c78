import { lazy } from '../lazy';
import type { ConversationSheetProps } from './ConversationSheet';

/** The new-conversation question and the list of earlier conversations: a lazy chunk of their own. */
export const ConversationSheet = lazy<ConversationSheetProps>(() => import('./ConversationSheet.tsx').then((m) => m.ConversationSheet));
