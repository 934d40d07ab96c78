import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConversationSummary } from '../api/types';
import { listBots } from '../bots/api';
import { useI18n } from '../i18n';
import { PageHeader } from '../ui/PageHeader';
import { navigate } from '../ui/router';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { listConversations } from './api';
import { ConversationRow } from './ConversationRow';
import { FilterBar } from './FilterBar';
import { activeFilters, browserTimeZone, exportHref, filtersFromSearch, filtersToSearch } from './filters';
import { rememberListSearch } from './last-list';

interface More {
  items: ConversationSummary[];
  cursor: string | null;
  loading: boolean;
  error: unknown;
}

/** Conversations newest first, filtered by the URL's query; more pages on demand. */
export function ConversationsPage({ search }: { search: string }) {
  const { t, locale } = useI18n();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const bots = useAsync((signal) => listBots(signal), []);
  const first = useAsync((signal) => listConversations(filters, null, signal), [search]);
  const [more, setMore] = useState<More>({ items: [], cursor: null, loading: false, error: null });

  // "3 min ago" moves on while the list stays open.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => rememberListSearch(search), [search]);
  useEffect(() => {
    setMore({ items: [], cursor: first.state.data?.nextCursor ?? null, loading: false, error: null });
  }, [first.state]);

  async function loadMore() {
    if (!more.cursor) return;
    setMore((m) => ({ ...m, loading: true, error: null }));
    try {
      const page = await listConversations(filters, more.cursor);
      setMore((m) => ({ items: [...m.items, ...page.conversations], cursor: page.nextCursor, loading: false, error: null }));
    } catch (error) {
      setMore((m) => ({ ...m, loading: false, error }));
    }
  }

  const items = first.state.status === 'ready' ? [...first.state.data.conversations, ...more.items] : [];
  // A conversation that got a new message between pages could come twice; show it once.
  const unique = items.filter((c, i) => items.findIndex((other) => other.id === c.id) === i);
  const total = first.state.status === 'ready' ? first.state.data.total : null;

  return (
    <>
      <PageHeader
        title={t.conversations.title}
        actions={
          <>
            <a class="button" href={exportHref(filters, 'csv', { tz: browserTimeZone(), lang: locale })} download>{t.conversations.exportCsv}</a>
            <a class="button" href={exportHref(filters, 'jsonl')} download>{t.conversations.exportJsonl}</a>
          </>
        }
      />
      <FilterBar filters={filters} bots={bots.state.data ?? null}
        onChange={(next) => navigate(`${routePath({ name: 'conversations' })}${filtersToSearch(next)}`, { replace: true })} />
      {first.state.status === 'loading' && <Loading />}
      {first.state.status === 'error' && <ErrorNote error={first.state.error} onRetry={first.reload} />}
      {first.state.status === 'ready' && unique.length === 0 && (
        <Empty>{activeFilters(filters) ? t.conversations.noneMatch : t.conversations.none}</Empty>
      )}
      {unique.length > 0 && (
        <>
          <p class="list-count" aria-live="polite">
            {typeof total === 'number' ? t.conversations.shownOf(unique.length, Math.max(total, unique.length)) : t.conversations.shown(unique.length, Boolean(more.cursor))}
          </p>
          <ul class="conversation-list">
            {unique.map((c) => <ConversationRow key={c.id} conversation={c} query={filters.q} now={now} />)}
          </ul>
        </>
      )}
      {more.error !== null && <ErrorNote error={more.error} onRetry={loadMore} compact />}
      {first.state.status === 'ready' && more.cursor && (
        <div class="load-more">
          <button type="button" class="button" disabled={more.loading} onClick={loadMore}>
            {more.loading ? t.common.loading : t.conversations.loadMore}
          </button>
        </div>
      )}
    </>
  );
}
