import { useI18n } from '../i18n';
import { formatDateTime, formatNumber } from '../i18n/format';
import { formatBytes, formatProgress, STATUS_TONE } from './format';
import type { KnowledgeSource } from './types';

interface Props {
  sources: KnowledgeSource[];
  canEdit: boolean;
  /** The source an action is running on (its buttons wait). */
  working: string | null;
  onView(source: KnowledgeSource): void;
  onEdit(source: KnowledgeSource): void;
  onReindex(source: KnowledgeSource): void;
  onRemove(source: KnowledgeSource): void;
}

const editable = (s: KnowledgeSource) => s.kind === 'text' || s.kind === 'faq';

/** Every source with its state in words (the badge colour only repeats it); owners get the actions. */
export function SourceList({ sources, canEdit, working, onView, onEdit, onReindex, onRemove }: Props) {
  const { t, locale } = useI18n();
  const k = t.knowledge;
  return (
    <div class="table-wrap">
      <table class="table knowledge-sources">
        <thead>
          <tr>
            <th scope="col">{k.titleColumn}</th>
            <th scope="col">{k.kindColumn}</th>
            <th scope="col">{k.statusColumn}</th>
            <th scope="col" class="num">{k.chunksColumn}</th>
            <th scope="col">{k.updatedColumn}</th>
            <th scope="col"><span class="visually-hidden">{t.common.actions}</span></th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => {
            const progress = s.status === 'indexing' ? formatProgress(s.progress) : '';
            const busy = working === s.id;
            return (
              <tr key={s.id}>
                <th scope="row">
                  <div class="source-title">
                    <span>{s.title}</span>
                    {(s.url || s.filename) && (
                      <span class="muted small source-origin">
                        {s.url ? <a href={s.url} target="_blank" rel="noopener noreferrer">{s.url}</a> : s.filename}
                        {s.kind === 'file' && ` · ${formatBytes(s.bytes)}`}
                      </span>
                    )}
                  </div>
                </th>
                <td>
                  {k.kind[s.kind]}
                  {s.crawl && <span class="muted small"> ({k.wholeSite})</span>}
                </td>
                <td>
                  <div class="source-status">
                    <span class={`badge ${STATUS_TONE[s.status]}`}>{k.status[s.status]}</span>
                    {progress && s.progress && (
                      <span class="mono small source-progress" title={k.progress(s.progress.done, s.progress.total)}>
                        <span aria-hidden="true">{progress}</span>
                        <span class="visually-hidden">{k.progress(s.progress.done, s.progress.total)}</span>
                      </span>
                    )}
                    {s.status === 'failed' && s.error && (
                      <span class="source-error">{k.failedReason} {s.error}</span>
                    )}
                  </div>
                </td>
                <td class="num">{formatNumber(s.chunks, locale)}</td>
                <td><time dateTime={s.updatedAt}>{formatDateTime(s.updatedAt, locale)}</time></td>
                <td class="row-actions">
                  <button type="button" class="button small ghost" aria-label={k.viewLabel(s.title)} onClick={() => onView(s)}>{k.view}</button>
                  {canEdit && editable(s) && (
                    <button type="button" class="button small ghost" aria-label={k.editLabel(s.title)} disabled={busy} onClick={() => onEdit(s)}>
                      {k.edit}
                    </button>
                  )}
                  {canEdit && (
                    <button type="button" class="button small" aria-label={k.reindexLabel(s.title)} disabled={busy || s.status === 'queued'}
                      onClick={() => onReindex(s)}>
                      {busy ? t.common.working : k.reindex}
                    </button>
                  )}
                  {canEdit && (
                    <button type="button" class="button small danger-ghost" aria-label={k.removeLabel(s.title)} disabled={busy} onClick={() => onRemove(s)}>
                      {k.remove}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
