import { useEffect, useRef, useState } from 'preact/hooks';
import type { WireBot } from '../../../../backend/src/chat/widget.events';
import type { ChatState } from '../chat-store';
import { formatHours, leaveProblem, MAX_OFFLINE_TEXT } from '../handoff';
import type { Locale, Strings } from '../i18n';

interface Props {
  t: Strings;
  locale: Locale;
  bot?: WireBot;
  state: ChatState;
  onAsk(): void;
  onNew(): void;
  /** Resolves true once the server took the message. */
  onLeave(email: string, text: string): Promise<boolean>;
  onCancel(): void;
}

/**
 * Above the composer: who answers now (a live status line), the way to ask for a person, and,
 * when nobody can answer, the form to leave a message (PROTOCOL §7).
 */
export function Handoff({ t, locale, bot, state: { phase, conversation, leave }, onAsk, onNew, onLeave, onCancel }: Props) {
  const { state, agent, back } = conversation;
  // The form and its thanks belong to the wait for a person; once someone answers they go.
  const form = (state === 'bot' || state === 'waiting') && leave;
  const line = form === 'sent' ? t.thanks
    : state === 'waiting' ? (form ? '' : t.waiting)
    : state === 'human' ? t.joined(agent?.name || t.staff)
    : state === 'closed' ? t.closed
    : back ? t.back : '';
  return (
    <div class="cc-handoff">
      <p class="cc-status" role="status" aria-live="polite" data-testid="cc-handoff-status" data-state={state}>{line}</p>
      {state === 'closed' && (
        <button type="button" class="cc-link" data-testid="cc-handoff-new" disabled={phase !== 'ready'} onClick={onNew}>{t.newConversation}</button>
      )}
      {bot?.handoff && state === 'bot' && !form && (
        <button type="button" class="cc-link" data-testid="cc-handoff" disabled={phase !== 'ready'} onClick={onAsk}>{t.handoff}</button>
      )}
      {form === 'form' && <LeaveForm t={t} locale={locale} bot={bot} ready={phase === 'ready'} onLeave={onLeave} onCancel={onCancel} />}
    </div>
  );
}

function LeaveForm({ t, locale, bot, ready, onLeave, onCancel }: Pick<Props, 't' | 'locale' | 'bot' | 'onLeave' | 'onCancel'> & { ready: boolean }) {
  const [problem, setProblem] = useState<ReturnType<typeof leaveProblem>>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
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
      <p>{t.nobody}</p>
      {hours && <p data-testid="cc-hours">{t.hours}{hours}</p>}
      <label>{t.email}
        <input ref={first} class="cc-input" name="email" type="email" autocomplete="email" required aria-invalid={problem === 'badEmail'} />
      </label>
      <label>{t.message}
        <textarea class="cc-input" name="text" rows={3} required maxLength={MAX_OFFLINE_TEXT} aria-invalid={!!problem && problem !== 'badEmail'} />
      </label>
      {problem && <p class="cc-error" role="alert">{t[problem]}</p>}
      <div>
        <button type="button" class="cc-link" onClick={onCancel}>{t.cancel}</button>
        <button type="submit" class="cc-chip" disabled={busy || !ready}>{t.send}</button>
      </div>
    </form>
  );
}
