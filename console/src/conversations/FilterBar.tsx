import { useEffect, useState } from 'preact/hooks';
import type { BotView } from '../api/types';
import { useT } from '../i18n';
import { activeFilters, type ConversationFilters, EMPTY_FILTERS, rangeInverted, STATUSES } from './filters';

interface Props {
  filters: ConversationFilters;
  bots: BotView[] | null;
  onChange(filters: ConversationFilters): void;
}

/**
 * Choices apply at once; the search box and the tag apply on Enter or the Search button (Enter
 * while a Chinese IME is composing only picks the candidate).
 */
export function FilterBar({ filters, bots, onChange }: Props) {
  const t = useT();
  const [q, setQ] = useState(filters.q);
  const [tag, setTag] = useState(filters.tag);
  useEffect(() => setQ(filters.q), [filters.q]);
  useEffect(() => setTag(filters.tag), [filters.tag]);

  const set = <K extends keyof ConversationFilters>(key: K, value: ConversationFilters[K]) => onChange({ ...filters, q, tag, [key]: value });

  return (
    <form class="filter-bar card" role="search" aria-label={t.conversations.filters}
      onSubmit={(e) => { e.preventDefault(); onChange({ ...filters, q: q.trim(), tag: tag.trim() }); }}>
      <div class="filter-search">
        <label class="visually-hidden" for="filter-q">{t.conversations.search}</label>
        <input id="filter-q" type="search" value={q} maxLength={200} placeholder={t.conversations.searchPlaceholder}
          onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit" class="button primary">{t.conversations.searchButton}</button>
      </div>
      <div class="filter-grid">
        <label class="field compact">
          <span class="field-label">{t.conversations.bot}</span>
          <select value={filters.bot} onChange={(e) => set('bot', e.currentTarget.value)}>
            <option value="">{t.conversations.allBots}</option>
            {filters.bot && bots && !bots.some((b) => b.id === filters.bot) && <option value={filters.bot}>{filters.bot}</option>}
            {(bots ?? []).map((bot) => <option key={bot.id} value={bot.id}>{bot.name}</option>)}
          </select>
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.from}</span>
          <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set('from', e.currentTarget.value)} />
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.to}</span>
          <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => set('to', e.currentTarget.value)} />
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.status}</span>
          <select value={filters.status} onChange={(e) => set('status', e.currentTarget.value as ConversationFilters['status'])}>
            <option value="">{t.common.any}</option>
            {STATUSES.map((status) => <option key={status} value={status}>{t.status.name[status]}</option>)}
          </select>
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.rating}</span>
          <select value={filters.rating} onChange={(e) => set('rating', e.currentTarget.value as ConversationFilters['rating'])}>
            <option value="">{t.common.any}</option>
            <option value="up">{t.conversations.ratingUp}</option>
            <option value="down">{t.conversations.ratingDown}</option>
          </select>
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.tag}</span>
          <input type="text" value={tag} placeholder={t.conversations.tagPlaceholder} onInput={(e) => setTag(e.currentTarget.value)} />
        </label>
        <label class="field compact">
          <span class="field-label">{t.conversations.reviewedFilter}</span>
          <select value={filters.reviewed} onChange={(e) => set('reviewed', e.currentTarget.value as ConversationFilters['reviewed'])}>
            <option value="">{t.common.any}</option>
            <option value="true">{t.conversations.reviewedYes}</option>
            <option value="false">{t.conversations.reviewedNo}</option>
          </select>
        </label>
        {activeFilters(filters) > 0 && (
          <div class="filter-clear">
            <button type="button" class="button ghost" onClick={() => onChange(EMPTY_FILTERS)}>{t.conversations.clearFilters}</button>
          </div>
        )}
      </div>
      {rangeInverted(filters) && <p class="field-error" role="alert">{t.conversations.rangeInverted}</p>}
    </form>
  );
}
