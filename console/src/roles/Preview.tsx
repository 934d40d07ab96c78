import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/errors';
import { useT } from '../i18n';
import { describeError } from '../ui/States';
import { streamPreview } from './api';
import { applyPreviewEvent, finishTurn, historyFor, MAX_PREVIEW_MESSAGES, type PreviewTurn } from './preview-chat';

interface Props {
  botId: string;
  /** The editor's text; the preview answers with it instead of the published role. */
  draft: string;
  usesDraft: boolean;
}

/** A chat with the bot as the draft would make it, streamed; nothing of it is stored as a conversation. */
export function Preview({ botId, draft, usesDraft }: Props) {
  const t = useT();
  const [turns, setTurns] = useState<PreviewTurn[]>([]);
  const [text, setText] = useState('');
  const controller = useRef<AbortController | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const streaming = turns.some((turn) => turn.status === 'streaming');

  useEffect(() => () => controller.current?.abort(), []);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [turns]);

  async function ask() {
    const question = text.trim();
    if (!question || streaming) return;
    const history = [...historyFor(turns), { role: 'user' as const, content: question }].slice(-MAX_PREVIEW_MESSAGES);
    setText('');
    setTurns((all) => [...all, { role: 'user', text: question, status: 'complete' }, { role: 'assistant', text: '', status: 'streaming' }]);
    const abort = new AbortController();
    controller.current = abort;
    try {
      await streamPreview(botId, { ...(draft.trim() ? { systemPrompt: draft } : {}), messages: history }, abort.signal,
        (event) => setTurns((all) => applyPreviewEvent(all, event)));
      setTurns((all) => finishTurn(all, 'failed', t.roles.previewCut));
    } catch (error) {
      if (abort.signal.aborted) setTurns((all) => finishTurn(all, 'stopped'));
      else {
        const { title, detail } = describeError(t, error);
        setTurns((all) => finishTurn(all, 'failed', error instanceof ApiError && detail ? detail : title));
      }
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void ask();
  }

  return (
    <section class="card preview" aria-label={t.roles.preview}>
      <div class="section-head">
        <h2>{t.roles.preview}</h2>
        <button type="button" class="button small ghost" disabled={streaming || turns.length === 0} onClick={() => setTurns([])}>
          {t.roles.previewReset}
        </button>
      </div>
      <p class="muted small">{usesDraft ? t.roles.previewDraft : t.roles.previewActive}</p>
      <ol class="preview-turns" ref={list} aria-live="polite">
        {turns.length === 0 && <li class="muted small preview-empty">{t.roles.previewEmpty}</li>}
        {turns.map((turn, i) => (
          <li key={i} class={`preview-turn ${turn.role} ${turn.status}`}>
            <span class="visually-hidden">{turn.role === 'user' ? t.transcript.visitor : t.transcript.bot}: </span>
            <div class="message-text">{turn.text || (turn.status === 'streaming' ? '…' : '')}</div>
            {turn.status !== 'complete' && turn.status !== 'streaming' && (
              <p class={`message-status-note ${turn.status}`}>
                {t.status.name[turn.status]}{turn.error ? ` — ${turn.error}` : ''}
              </p>
            )}
          </li>
        ))}
      </ol>
      <form class="preview-composer" onSubmit={(e) => { e.preventDefault(); void ask(); }}>
        <label class="visually-hidden" for="preview-input">{t.roles.previewPlaceholder}</label>
        <textarea id="preview-input" rows={2} value={text} placeholder={t.roles.previewPlaceholder}
          onInput={(e) => setText(e.currentTarget.value)} onKeyDown={onKeyDown} />
        {streaming ? (
          <button type="button" class="button danger" onClick={() => controller.current?.abort()}>{t.roles.stop}</button>
        ) : (
          <button type="submit" class="button primary" disabled={!text.trim()}>{t.roles.send}</button>
        )}
      </form>
    </section>
  );
}
