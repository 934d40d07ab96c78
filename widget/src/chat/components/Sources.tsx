import type { WireSource } from '../../../../backend/src/chat/widget.events';
import type { Strings } from '../i18n';
import { sourceHref } from '../markdown/cite';

/**
 * A citation `[n]`: a button to its entry in the list under the answer, which it scrolls to
 * and highlights (the entry takes the focus).
 */
export function Citation({ t, source }: { t: Strings; source: WireSource }) {
  const { n, title } = source;
  return (
    <sup>
      <button type="button" class="cc-cite" aria-label={t.source(n, title)} title={title}
        onClick={(e) => e.currentTarget.closest('.cc-bubble')?.querySelector<HTMLElement>(`.cc-src [data-n="${n}"]`)?.focus()}>
        [{n}]
      </button>
    </sup>
  );
}

/** The passages the answer was given, in order; the ones it cites stand out. The excerpt shows on hover. */
export function SourceList({ t, sources, cited }: { t: Strings; sources: WireSource[]; cited: Set<number> }) {
  return (
    <div class="cc-src" data-testid="cc-sources">
      <p>{t.sources}</p>
      <ol>
        {sources.map(({ n, title, url, excerpt }) => {
          const href = sourceHref(url);
          return (
            <li key={n} data-n={n} tabIndex={-1} title={excerpt} class={cited.has(n) ? 'cc-cited' : undefined}>
              {n}. {href ? <a href={href} target="_blank" rel="noopener noreferrer">{title}</a> : title}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
