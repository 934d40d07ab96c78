import { lazy } from '../lazy';
import type { FeedbackFormProps } from './FeedbackForm';
import type { LeaveFormProps } from './LeaveForm';
import type { ReplyProps } from './Reply';
import type { UnreadProps } from './Unread';

/*
 * What the open chat does not need at once, each in its own chunk (rollup splits at `import()`);
 * the open-chat size budget leaves these out and counts them apart (widget/rollup.config.mjs).
 */
/** Markdown, citations and sources: fetched as soon as the chat mounts (index.tsx), before any reply shows. */
export const Reply = lazy<ReplyProps>(() => import('./Reply.tsx').then((m) => m.Reply));
export const LeaveForm = lazy<LeaveFormProps>(() => import('./LeaveForm.tsx').then((m) => m.LeaveForm));
export const FeedbackForm = lazy<FeedbackFormProps>(() => import('./FeedbackForm.tsx').then((m) => m.FeedbackForm));
/** The unread badge and preview on the launcher, for a reply that came while the panel was closed. */
export const Unread = lazy<UnreadProps>(() => import('./Unread.tsx').then((m) => m.Unread));

/** Fetches the forms and the unread badge, so that none waits for the network when it is first shown. */
export const preloadRest = (): void => {
  for (const part of [LeaveForm, FeedbackForm, Unread]) void part.preload();
};
