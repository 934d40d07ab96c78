/** Within this many pixels of the end counts as "at the bottom". */
const NEAR_BOTTOM_PX = 80;

export interface Scrollable {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Whether the visitor is reading the end of the list (then new text keeps it scrolled down). */
export function isNearBottom(el: Scrollable, slack = NEAR_BOTTOM_PX): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= slack;
}
