import type { TranscriptMessage } from '../api/types';
import { useI18n } from '../i18n';
import { formatDuration, formatNumber, formatTime } from '../i18n/format';
import { AnswerSources } from '../knowledge/AnswerSources';
import { ThumbDown, ThumbUp } from '../ui/icons';
import { StatusBadge } from './Badges';

/**
 * One message. Visitor and model text are text nodes only (never HTML), shown with their line
 * breaks; an answer names the role version that wrote it, its usage and its timing, and the
 * passages of the bot's documents it was given.
 */
export function MessageItem({ message: m }: { message: TranscriptMessage & { author?: { name: string } } }) {
  const { t, locale } = useI18n();
  const answer = m.role === 'assistant';
  // A staff member's message (human handoff) names who wrote it.
  const agent = m.role === 'agent';
  const hasUsage = m.promptTokens !== null || m.completionTokens !== null;
  const hasTiming = m.latencyMs !== null || m.firstTokenMs !== null;
  return (
    <li class={`message ${answer ? 'from-bot' : agent ? 'from-agent' : 'from-visitor'} status-${m.status}`}>
      <div class="message-head">
        <span class="message-role">{answer ? t.transcript.bot : agent ? m.author?.name ?? t.transcript.agent : t.transcript.visitor}</span>
        {agent && <span class="badge info">{t.transcript.agent}</span>}
        <time dateTime={m.createdAt} title={m.createdAt}>{formatTime(m.createdAt, locale)}</time>
        {answer && m.roleVersion !== null && <span class="badge outline mono">{t.transcript.roleVersion(m.roleVersion)}</span>}
        {m.status !== 'complete' && <StatusBadge status={m.status} />}
        {m.truncated && <span class="badge warning" title={t.transcript.truncatedNote}>{t.transcript.truncated}</span>}
      </div>
      <div class="message-text">{m.text || <span class="muted">{t.transcript.emptyText}</span>}</div>
      {m.status !== 'complete' && m.status !== 'streaming' && (
        <p class={`message-status-note ${m.status}`}>
          {t.status.explain[m.status]}
          {/* The upstream's real reason (keys scrubbed by the backend); visitors only ever saw a plain sentence. */}
          {m.errorDetail && (
            <span class="message-error-detail">
              {t.transcript.errorDetail} <code class="mono">{m.errorDetail}</code>
            </span>
          )}
        </p>
      )}
      {m.truncated && <p class="message-status-note truncated">{t.transcript.truncatedNote}</p>}
      {answer && m.sources && m.sources.length > 0 && <AnswerSources sources={m.sources} />}
      {m.feedback && (
        <div class={`feedback ${m.feedback}`}>
          <span class="feedback-icon">
            {m.feedback === 'up' ? <ThumbUp label={t.transcript.feedbackUp} /> : <ThumbDown label={t.transcript.feedbackDown} />}
          </span>
          {m.feedbackComment && <span class="feedback-comment">{m.feedbackComment}</span>}
        </div>
      )}
      {answer && (hasUsage || hasTiming || m.finishReason || m.errorCode) && (
        <dl class="message-facts">
          {hasUsage && (
            <div>
              <dt>{t.transcript.tokens}</dt>
              <dd>{t.transcript.tokenUsage(formatNumber(m.promptTokens, locale), formatNumber(m.completionTokens, locale))}</dd>
            </div>
          )}
          {m.latencyMs !== null && (
            <div>
              <dt>{t.transcript.latency}</dt>
              <dd>{formatDuration(m.latencyMs)}</dd>
            </div>
          )}
          {m.firstTokenMs !== null && (
            <div>
              <dt>{t.transcript.firstToken}</dt>
              <dd>{formatDuration(m.firstTokenMs)}</dd>
            </div>
          )}
          {m.finishReason && (
            <div>
              <dt>{t.transcript.finishReason}</dt>
              <dd class="mono">{m.finishReason}</dd>
            </div>
          )}
          {m.errorCode && (
            <div>
              <dt>{t.transcript.errorCode}</dt>
              <dd class="mono">{m.errorCode}</dd>
            </div>
          )}
        </dl>
      )}
    </li>
  );
}
