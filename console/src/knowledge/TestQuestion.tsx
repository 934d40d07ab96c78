import { useState } from 'preact/hooks';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { Empty, ErrorNote } from '../ui/States';
import { searchKnowledge } from './api';
import { formatScore, headingTrail } from './format';
import type { SearchAnswer } from './types';
import { useSend } from './use-send';

/** Asks the search what a visitor's question would retrieve, and lists it in rank order. */
export function TestQuestion({ botId }: { botId: string }) {
  const t = useT();
  const k = t.knowledge;
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const { busy, error, run } = useSend();

  async function submit(e: Event) {
    e.preventDefault();
    const q = query.trim();
    if (!q) return;
    const result = await run(() => searchKnowledge(botId, q));
    setAnswer(result.ok ? result.value : null);
  }

  return (
    <section class="card knowledge-test" aria-labelledby="knowledge-test-title">
      <h2 id="knowledge-test-title">{k.test}</h2>
      <p class="muted small">{k.testHint}</p>
      <form class="test-form" onSubmit={submit} role="search">
        <Field label={k.question}>
          <input type="search" value={query} placeholder={k.questionPlaceholder} onInput={(e) => setQuery(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="button primary" disabled={busy || !query.trim()}>{busy ? k.searching : k.search}</button>
      </form>
      {error !== null && <ErrorNote error={error} compact />}
      <div aria-live="polite">
        {answer && answer.results.length === 0 && <Empty>{k.noResults}</Empty>}
        {answer && answer.results.length > 0 && (
          <>
            <p class="muted small">{k.results(answer.results.length)} · {answer.mode === 'hybrid' ? k.modeHybrid : k.modeLexical}</p>
            <ol class="search-results">
              {answer.results.map((r, index) => (
                <li key={`${r.sourceId}-${index}`} class="search-result">
                  <div class="result-head">
                    <span class="result-rank mono">{k.rank(index + 1)}</span>
                    <h3 class="result-title">{r.url ? <a href={r.url} target="_blank" rel="noopener noreferrer">{r.title}</a> : r.title}</h3>
                    <span class="result-score mono">
                      {k.score} {formatScore(r.score)}
                      {r.similarity !== undefined && ` · ${k.similarity} ${formatScore(r.similarity)}`}
                    </span>
                  </div>
                  <p class={r.passage ? 'result-given small' : 'muted small'}>{r.passage ? k.given(r.passage) : k.notGiven}</p>
                  {headingTrail(r.headingPath) && <p class="chunk-path">{headingTrail(r.headingPath)}</p>}
                  <p class="result-excerpt">{r.excerpt}</p>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </section>
  );
}
