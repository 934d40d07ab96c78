import { toQuery } from '../api/query';
import type { Feedback, ProblemStatus } from '../api/types';

/** The list's filters, as the URL keeps them (so back, forward and a shared link restore them). */
export interface ConversationFilters {
  bot: string;
  q: string;
  from: string;
  to: string;
  status: '' | ProblemStatus;
  rating: '' | Feedback;
  tag: string;
  reviewed: '' | 'true' | 'false';
}

export const EMPTY_FILTERS: ConversationFilters = { bot: '', q: '', from: '', to: '', status: '', rating: '', tag: '', reviewed: '' };

export const STATUSES: ProblemStatus[] = ['filtered', 'failed', 'stopped'];
export const PAGE_SIZE = 30;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** Filters from a query string; anything unknown or malformed is dropped. */
export function filtersFromSearch(search: string): ConversationFilters {
  const params = new URLSearchParams(search);
  const text = (key: string) => (params.get(key) ?? '').trim().slice(0, 200);
  const day = (key: string) => (DAY.test(text(key)) ? text(key) : '');
  return {
    bot: text('bot'),
    q: text('q'),
    from: day('from'),
    to: day('to'),
    status: oneOf(params.get('status'), STATUSES),
    rating: oneOf(params.get('rating'), ['up', 'down'] as const),
    tag: text('tag'),
    reviewed: oneOf(params.get('reviewed'), ['true', 'false'] as const),
  };
}

/** `?bot=…&q=…` with only the filters that are set, in a stable order. */
export function filtersToSearch(filters: ConversationFilters): string {
  return toQuery({ ...filters });
}

/** The API's list query: the filters, a page size and where to continue. */
export function listQuery(filters: ConversationFilters, cursor: string | null, limit = PAGE_SIZE): string {
  return toQuery({ ...filters, cursor, limit });
}

/** Whose file it is: the CSV's times come in this IANA zone, its headers in this language. */
export interface ExportReader {
  tz: string;
  lang: string;
}

/** This browser's time zone; undefined when it does not say (the server then writes UTC and says so). */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The download link for the current filters. A CSV is for people: it asks for their zone and
 * language. JSON Lines is for machines and keeps ISO UTC times whoever downloads it.
 */
export function exportHref(filters: ConversationFilters, format: 'csv' | 'jsonl', reader?: Partial<ExportReader>): string {
  const forPeople = format === 'csv' ? { tz: reader?.tz, lang: reader?.lang } : {};
  return `/api/conversations/export${toQuery({ format, ...filters, ...forPeople })}`;
}

export function activeFilters(filters: ConversationFilters): number {
  return Object.values(filters).filter(Boolean).length;
}

/** True when the range runs backwards. */
export function rangeInverted(filters: Pick<ConversationFilters, 'from' | 'to'>): boolean {
  return Boolean(filters.from && filters.to && filters.from > filters.to);
}
