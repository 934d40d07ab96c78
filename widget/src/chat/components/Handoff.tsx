import type { WireBot } from '../../../../backend/src/chat/widget.events';
import type { ChatState } from '../chat-store';
import type { Locale, Strings } from '../i18n';
import { LeaveForm } from './lazy-parts';

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
 * when nobody can answer, the form to leave a message (PROTOCOL §7; LeaveForm, loaded lazily).
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
