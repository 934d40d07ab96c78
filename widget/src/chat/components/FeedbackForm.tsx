import { useState } from 'preact/hooks';
import { formStrings } from '../form-strings';
import type { Strings } from '../i18n';

export interface FeedbackFormProps {
  t: Strings;
  onComment(comment: string): void;
}

/**
 * After a thumbs down: what went wrong (optional; empty sends nothing), then the thanks.
 * In a lazy chunk (lazy-parts.ts).
 */
export function FeedbackForm({ t, onComment }: FeedbackFormProps) {
  const [sent, setSent] = useState(false);
  const f = formStrings[t.locale];
  return sent ? <p class="cc-note" role="status">{f.feedbackThanks}</p> : (
    <form class="cc-leave" onSubmit={(e) => {
      e.preventDefault();
      const comment = (e.currentTarget[0] as HTMLTextAreaElement).value.trim();
      if (comment) onComment(comment);
      setSent(true);
    }}>
      <label>{f.whatWrong}<textarea class="cc-input" rows={2} maxLength={2000} /></label>
      <div><button type="submit" class="cc-chip">{t.send}</button></div>
    </form>
  );
}
