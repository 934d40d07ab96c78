import { useRef, useState } from 'preact/hooks';
import { useT } from '../i18n';
import { describeError } from '../ui/States';
import { uploadFile } from './api';
import { formatBytes } from './format';
import { FILE_ACCEPT, fileForm } from './source-forms';
import type { KnowledgeLimits, KnowledgeSource } from './types';
import { allSettled, queueUploads, settle, type Upload } from './uploads';

interface Props {
  botId: string;
  limits: KnowledgeLimits;
  disabled?: boolean;
  onAdded(source: KnowledgeSource): void;
}

/**
 * Files dropped here or chosen with the button; each is its own POST, one after another, and
 * each shows how it went (the server's message when it refused).
 */
export function DropZone({ botId, limits, disabled, onAdded }: Props) {
  const t = useT();
  const k = t.knowledge;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const busy = !allSettled(uploads);
  const max = formatBytes(limits.maxFileBytes);

  async function take(list: FileList | null) {
    if (!list?.length || disabled) return;
    const files = Array.from(list);
    const queued = queueUploads(files, limits);
    setUploads((previous) => [...previous.filter((u) => u.state !== 'done'), ...queued]);
    for (const [index, upload] of queued.entries()) {
      if (upload.state !== 'waiting') continue;
      setUploads((current) => settle(current, { ...upload, state: 'uploading' }));
      try {
        const source = await uploadFile(botId, fileForm(files[index], upload.name));
        setUploads((current) => settle(current, { ...upload, state: 'done', title: source.title }));
        onAdded(source);
      } catch (error) {
        setUploads((current) => settle(current, { ...upload, state: 'failed', error }));
      }
    }
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer?.files ?? null);
  }

  return (
    <div class="stack-sm">
      <div class={`drop-zone${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
        onDragOver={(e) => { e.preventDefault(); if (!disabled) setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}>
        <p class="drop-title" aria-hidden="true">{k.drop}</p>
        <input ref={input} type="file" multiple accept={FILE_ACCEPT} class="visually-hidden" id="knowledge-files" tabIndex={-1} aria-label={k.choose}
          aria-describedby="knowledge-files-hint" disabled={disabled}
          onChange={(e) => { void take(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <button type="button" class="button" disabled={disabled} aria-describedby="knowledge-files-hint" onClick={() => input.current?.click()}>
          {k.choose}
        </button>
        <p class="muted small" id="knowledge-files-hint">{k.dropHint(max)}</p>
      </div>
      {uploads.length > 0 && (
        <section class="upload-list" aria-labelledby="knowledge-uploads">
          <div class="section-head">
            <h3 id="knowledge-uploads">{k.uploads}</h3>
            <button type="button" class="button small ghost" disabled={busy} onClick={() => setUploads([])}>{k.clearUploads}</button>
          </div>
          <ul aria-live="polite">
            {uploads.map((u) => (
              <li key={u.key} class={`upload ${u.state}`}>
                <span class="upload-name">{u.name}</span>
                <span class="muted small">{formatBytes(u.size)}</span>
                <UploadState upload={u} maxLabel={max} describe={(error) => {
                  const d = describeError(t, error);
                  return d.detail ? `${d.title} ${d.detail}` : d.title;
                }} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function UploadState({ upload: u, maxLabel, describe }: { upload: Upload; maxLabel: string; describe(error: unknown): string }) {
  const k = useT().knowledge;
  switch (u.state) {
    case 'waiting':
      return <span class="badge outline">{k.waiting}</span>;
    case 'uploading':
      return <span class="badge info">{k.uploading}</span>;
    case 'done':
      return <span class="badge success">✓ {k.uploaded}</span>;
    case 'refused':
      return <span class="upload-error">{u.problem === 'type' ? k.fileType : u.problem === 'tooBig' ? k.fileTooBig(maxLabel) : k.fileEmpty}</span>;
    case 'failed':
      return <span class="upload-error">{describe(u.error)}</span>;
  }
}
