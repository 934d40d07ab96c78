import type { KnowledgeSource, SourceStatus } from './types';

/** How often the list is asked again while anything is waiting or being indexed. */
export const POLL_MS = 2000;

/** Poll while a source is queued or indexing; a list that is all ready or failed stays still. */
export function shouldPoll(sources: readonly Pick<KnowledgeSource, 'status'>[]): boolean {
  return sources.some((s) => s.status === 'queued' || s.status === 'indexing');
}

/** `12/40` while indexing; empty when the server has not counted yet. */
export function formatProgress(progress: KnowledgeSource['progress']): string {
  if (!progress || !(progress.total > 0)) return '';
  const done = Math.min(Math.max(0, Math.floor(progress.done)), progress.total);
  return `${done}/${progress.total}`;
}

const UNITS = ['KB', 'MB', 'GB'];

/** 850 B, 1.2 KB, 34 KB, 3.5 MB (1 KB = 1024 bytes, as file pickers count). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = '';
  for (const next of UNITS) {
    value /= 1024;
    unit = next;
    if (value < 1024) break;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${unit}`;
}

/** A retrieval score with three decimals: 0.873. */
export function formatScore(score: number | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(3) : '—';
}

/** Where a chunk sits in its document: `Guide › Sleep › Naps`. */
export function headingTrail(path: readonly string[] | undefined): string {
  return (path ?? []).map((h) => h.trim()).filter(Boolean).join(' › ');
}

/** The badge colour of a status; the status is always written out too. */
export const STATUS_TONE: Record<SourceStatus, string> = {
  queued: 'outline',
  indexing: 'info',
  ready: 'success',
  failed: 'danger',
};
