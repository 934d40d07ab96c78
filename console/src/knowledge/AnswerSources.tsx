import { useId } from 'preact/hooks';
import { useT } from '../i18n';
import { formatScore } from './format';
import type { AnswerSource } from './types';

/**
 * The passages an answer was given, as it cites them: `[n] title` (a link when the source is a
 * web page) with its score; the passage itself opens beneath. Text nodes only, never HTML.
 */
export function AnswerSources({ sources }: { sources: readonly AnswerSource[] }) {
  const t = useT().transcript;
  const id = useId();
  if (!sources.length) return null;
  const ordered = [...sources].sort((a, b) => a.n - b.n);
  return (
    <div class="answer-sources">
      {/* Not a heading: the transcript's messages sit under none, so headings stay in order. */}
      <p class="answer-sources-title" id={id} title={t.sourcesHint}>{t.sources}</p>
      <ol class="answer-source-list" aria-labelledby={id}>
        {ordered.map((s) => (
          <li key={`${s.n}-${s.sourceId}`} class="answer-source">
            <details>
              <summary>
                <span class="mono">[{s.n}]</span>{' '}
                {s.url ? <a href={s.url} target="_blank" rel="noopener noreferrer">{s.title}</a> : <span>{s.title}</span>}
                {typeof s.score === 'number' && <span class="muted small"> · {t.sourceScore(formatScore(s.score))}</span>}
              </summary>
              <blockquote class="answer-source-excerpt" aria-label={t.sourceExcerpt}>{s.excerpt}</blockquote>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
