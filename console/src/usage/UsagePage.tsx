import { useMemo } from 'preact/hooks';
import { listBots } from '../bots/api';
import { toQuery } from '../api/query';
import { useI18n } from '../i18n';
import { formatNumber } from '../i18n/format';
import { PageHeader } from '../ui/PageHeader';
import { navigate } from '../ui/router';
import { routePath } from '../ui/routes';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { fetchUsage } from './api';
import { BarChart } from './BarChart';
import { dailyTotals, grandTotal, usageFilters } from './series';

/** Tokens and conversations per day: two charts and the table behind them. */
export function UsagePage({ search }: { search: string }) {
  const { t, locale } = useI18n();
  const filters = useMemo(() => usageFilters(search), [search]);
  const bots = useAsync((signal) => listBots(signal), []);
  const { state, reload } = useAsync((signal) => fetchUsage(filters, signal), [filters.bot, filters.from, filters.to]);
  const set = (key: 'bot' | 'from' | 'to', value: string) =>
    navigate(`${routePath({ name: 'usage' })}${toQuery({ ...filters, [key]: value })}`, { replace: true });
  const n = (value: number) => formatNumber(value, locale);

  const rows = state.status === 'ready'
    ? [...state.data].sort((a, b) => (a.day === b.day ? a.botName.localeCompare(b.botName) : a.day < b.day ? 1 : -1))
    : [];
  const days = useMemo(() => (state.status === 'ready' ? dailyTotals(state.data, filters.from, filters.to) : []), [state, filters.from, filters.to]);
  const total = grandTotal(rows);

  return (
    <>
      <PageHeader title={t.usage.title} subtitle={t.usage.subtitle} />
      <form class="filter-bar card" aria-label={t.usage.filters} onSubmit={(e) => e.preventDefault()}>
        <div class="filter-grid">
          <label class="field compact">
            <span class="field-label">{t.conversations.bot}</span>
            <select value={filters.bot} onChange={(e) => set('bot', e.currentTarget.value)}>
              <option value="">{t.conversations.allBots}</option>
              {(bots.state.data ?? []).map((bot) => <option key={bot.id} value={bot.id}>{bot.name}</option>)}
            </select>
          </label>
          <label class="field compact">
            <span class="field-label">{t.conversations.from}</span>
            <input type="date" value={filters.from} max={filters.to} required onChange={(e) => e.currentTarget.value && set('from', e.currentTarget.value)} />
          </label>
          <label class="field compact">
            <span class="field-label">{t.conversations.to}</span>
            <input type="date" value={filters.to} min={filters.from} required onChange={(e) => e.currentTarget.value && set('to', e.currentTarget.value)} />
          </label>
        </div>
        {filters.from > filters.to && <p class="field-error" role="alert">{t.conversations.rangeInverted}</p>}
      </form>

      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNote error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <div class="stack">
          <dl class="stat-cards">
            <div class="card stat"><dt>{t.usage.conversations}</dt><dd>{n(total.conversations)}</dd></div>
            <div class="card stat"><dt>{t.usage.messages}</dt><dd>{n(total.messages)}</dd></div>
            <div class="card stat"><dt>{t.usage.promptTokens}</dt><dd>{n(total.promptTokens)}</dd></div>
            <div class="card stat"><dt>{t.usage.completionTokens}</dt><dd>{n(total.completionTokens)}</dd></div>
          </dl>
          {rows.length === 0 ? (
            <Empty>{t.usage.none}</Empty>
          ) : (
            <>
              <div class="charts">
                <BarChart title={t.usage.tokensPerDay} days={days} series={[
                  { key: 'promptTokens', label: t.usage.promptTokens, tone: 'tone-1' },
                  { key: 'completionTokens', label: t.usage.completionTokens, tone: 'tone-2' },
                ]} />
                <BarChart title={t.usage.conversationsPerDay} days={days} series={[
                  { key: 'conversations', label: t.usage.conversations, tone: 'tone-3' },
                ]} />
              </div>
              <div class="table-wrap card flush">
                <table class="table">
                  <caption class="visually-hidden">{t.usage.tableCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t.usage.day}</th>
                      <th scope="col">{t.conversations.bot}</th>
                      <th scope="col" class="num">{t.usage.conversations}</th>
                      <th scope="col" class="num">{t.usage.messages}</th>
                      <th scope="col" class="num">{t.usage.promptTokens}</th>
                      <th scope="col" class="num">{t.usage.completionTokens}</th>
                      <th scope="col" class="num">{t.usage.totalTokens}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={`${row.day}|${row.botId}`}>
                        <th scope="row" class="mono">{row.day}</th>
                        <td>{row.botName}</td>
                        <td class="num">{n(row.conversations)}</td>
                        <td class="num">{n(row.messages)}</td>
                        <td class="num">{n(row.promptTokens)}</td>
                        <td class="num">{n(row.completionTokens)}</td>
                        <td class="num">{n(row.promptTokens + row.completionTokens)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={2}>{t.usage.total}</th>
                      <td class="num">{n(total.conversations)}</td>
                      <td class="num">{n(total.messages)}</td>
                      <td class="num">{n(total.promptTokens)}</td>
                      <td class="num">{n(total.completionTokens)}</td>
                      <td class="num">{n(total.promptTokens + total.completionTokens)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </>
  );
}
