import { useEffect, useRef, useState } from 'preact/hooks';
import type { WireBot } from '../../../../backend/src/chat/widget.events';
import { formStrings } from '../form-strings';
import { formatHours, leaveProblem, MAX_OFFLINE_TEXT } from '../handoff';
import type { Locale, Strings } from '../i18n';

export interface LeaveFormProps {
  t: Strings;
  locale: Locale;
  bot?: WireBot;
  ready: boolean;
  /** Resolves true once the server took the message. */
  onLeave(email: string, text: string): Promise<boolean>;
  onCancel(): void;
}

/** Nobody can answer: the visitor's email and message (PROTOCOL §7). In a lazy chunk (lazy-parts.ts). */
export function LeaveForm({ t, locale, bot, ready, onLeave, onCancel }: LeaveFormProps) {
  const [problem, setProblem] = useState<ReturnType<typeof leaveProblem>>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const f = formStrings[locale];
  const hours = bot?.officeHours && formatHours(bot.officeHours, locale);

  useEffect(() => first.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    const [email, text] = ['email', 'text'].map((name) => String(new FormData(e.currentTarget as HTMLFormElement).get(name)).trim());
    const key = leaveProblem(email, text);
    setProblem(key);
    if (key || busy) return;
    setBusy(true);
    await onLeave(email, text);
    setBusy(false);
  }

  return (
    <form class="cc-leave" data-testid="cc-leave" noValidate onSubmit={submit}>
      <p>{f.nobody}</p>
      {hours && <p data-testid="cc-hours">{f.hours}{hours}</p>}
      <label>{f.email}
        <input ref={first} class="cc-input" name="email" type="email" autocomplete="email" required aria-invalid={problem === 'badEmail'} />
      </label>
      <label>{f.message}
        <textarea class="cc-input" name="text" rows={3} required maxLength={MAX_OFFLINE_TEXT} aria-invalid={!!problem && problem !== 'badEmail'} />
      </label>
      {problem && <p class="cc-error" role="alert">{f[problem]}</p>}
      <div>
        <button type="button" class="cc-link" onClick={onCancel}>{f.cancel}</button>
        <button type="submit" class="cc-chip" disabled={busy || !ready}>{t.send}</button>
      </div>
    </form>
  );
}
