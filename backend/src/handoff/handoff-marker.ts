/**
 * The model's way to hand a conversation to a person (PROTOCOL §7): when the bot allows handoff,
 * the prompt tells it to answer exactly this when the visitor asks for a person or it cannot help.
 */
export const HANDOFF_MARKER = '[[HANDOFF]]';

export const HANDOFF_INSTRUCTION = `If the visitor asks to talk to a human, or you cannot help them, reply with exactly ${HANDOFF_MARKER} and nothing else: a person of the site will take over.`;

/** What the visitor reads instead of the marker, in the bot's language. */
export function handoffNotice(locale: string): string {
  return locale.startsWith('zh') ? '好的，正在为您转接人工客服，请稍候。' : "I'll get a person to help you; please wait a moment.";
}

/**
 * Holds a reply's first deltas back while they could still be the marker, so the visitor never
 * sees it: `feed` returns what may be sent now, `end` whether the whole reply was the marker and
 * what is still held otherwise.
 */
export class HandoffMarkerFilter {
  private held: string | null = '';

  feed(text: string): string {
    if (this.held === null) return text;
    this.held += text;
    const candidate = this.held.trimStart();
    if (HANDOFF_MARKER.startsWith(candidate) || candidate.trimEnd() === HANDOFF_MARKER) return '';
    const out = this.held;
    this.held = null;
    return out;
  }

  end(): { handoff: boolean; rest: string } {
    const held = this.held ?? '';
    this.held = null;
    return held.trim() === HANDOFF_MARKER ? { handoff: true, rest: '' } : { handoff: false, rest: held };
  }
}
