import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/errors';
import { useT } from '../i18n';
import type { Strings } from '../i18n/en';

/** What went wrong, in the reader's language, with the server's own words when it gave some. */
export function describeError(t: Strings, error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { title: t.errors.network, detail: '' };
    const byStatus = (t.errors.status as Record<number, string>)[error.status];
    const title = byStatus ?? (error.status >= 500 ? t.errors.status[500] : t.errors.generic);
    return { title, detail: error.message && error.message !== error.error ? error.message : '' };
  }
  return { title: t.errors.generic, detail: error instanceof Error ? error.message : '' };
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label ?? t.common.loading}</span>
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="state state-empty">{children}</div>;
}

interface ErrorNoteProps {
  error: unknown;
  onRetry?: () => void;
  compact?: boolean;
  /** Says it better than the status would (a wrong password rather than "401"). */
  title?: string;
}

export function ErrorNote({ error, onRetry, compact, title: own }: ErrorNoteProps) {
  const t = useT();
  const described = describeError(t, error);
  const title = own ?? described.title;
  const detail = own ? '' : described.detail;
  return (
    <div class={`error-note${compact ? ' compact' : ''}`} role="alert">
      <div>
        <strong>{title}</strong>
        {detail && <span class="error-detail">{detail}</span>}
      </div>
      {onRetry && <button type="button" class="button small" onClick={onRetry}>{t.common.retry}</button>}
    </div>
  );
}
