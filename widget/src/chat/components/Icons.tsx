/** Line icons, 24×24, drawn in currentColor; decorative (the buttons carry the labels). */
const icon = (d: string, size = 20) => () => (
  <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);

export const CloseIcon = icon('M6 6l12 12M18 6L6 18');
/** A speech bubble with a plus: a new conversation (not a pencil, which reads as "edit"). */
export const NewIcon = icon('M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2zM12 7v6M9 10h6', 18);
/** A clock turning back: earlier conversations. */
export const HistoryIcon = icon('M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2');
export const SendIcon = icon('M22 2L11 13M22 2l-7 20-4-9-9-4z');
export const ThumbUpIcon = icon('M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2.3l-1.4 8A2 2 0 0 1 18.6 21H7', 16);
export const ThumbDownIcon = icon('M17 14V3h4v11zM17 14l-4 8a3 3 0 0 1-3-3v-4H4a2 2 0 0 1-2-2.3l1.4-8A2 2 0 0 1 5.4 3H17', 16);
export const StopIcon = () => (
  <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
    <rect x="5" y="5" width="14" height="14" rx="2" fill="currentColor" />
  </svg>
);
