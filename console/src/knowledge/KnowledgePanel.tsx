import { useState } from 'preact/hooks';
import type { BotView } from '../api/types';
import { useT } from '../i18n';
import { ConfirmDialog } from '../ui/Dialog';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { AddSources } from './AddSources';
import { deleteSource, listKnowledge, reindexSource } from './api';
import { ChunksDialog } from './ChunksDialog';
import { shouldPoll } from './format';
import { KnowledgeSettings } from './KnowledgeSettings';
import { upsertSource, withoutSource } from './list-updates';
import { ModeNote } from './ModeNote';
import { SourceList } from './SourceList';
import { TestQuestion } from './TestQuestion';
import type { KnowledgeSource } from './types';
import { usePoll } from './use-poll';

interface Props {
  bot: BotView;
  /** Owners add, edit, re-index and delete; agents read. */
  canEdit: boolean;
  onBotSaved(bot: BotView): void;
}

/** The bot's documents: how they are searched and used, the sources and their indexing, a test search. */
export function KnowledgePanel({ bot, canEdit, onBotSaved }: Props) {
  const t = useT();
  const k = t.knowledge;
  const { state, reload, setData } = useAsync((signal) => listKnowledge(bot.id, signal), [bot.id]);
  const [viewing, setViewing] = useState<KnowledgeSource | null>(null);
  const [editing, setEditing] = useState<KnowledgeSource | null>(null);
  const [removing, setRemoving] = useState<KnowledgeSource | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const sources = state.data?.sources ?? [];
  // The list is asked again, without a spinner, while anything waits or is being indexed.
  usePoll(shouldPoll(sources), async (signal) => {
    const fresh = await listKnowledge(bot.id, signal);
    if (!signal.aborted) setData(() => fresh);
  });

  const changed = (source: KnowledgeSource, message: string) => {
    setData((list) => upsertSource(list, source));
    setNotice(message);
  };

  async function reindex(source: KnowledgeSource) {
    setWorking(source.id);
    setActionError(null);
    try {
      changed(await reindexSource(bot.id, source.id), k.reindexed(source.title));
    } catch (error) {
      setActionError(error);
    } finally {
      setWorking(null);
    }
  }

  async function remove() {
    if (!removing) return;
    setWorking(removing.id);
    setActionError(null);
    try {
      await deleteSource(bot.id, removing.id);
      setData((list) => withoutSource(list, removing.id));
      if (editing?.id === removing.id) setEditing(null);
      setNotice(k.removed(removing.title));
      setRemoving(null);
    } catch (error) {
      setActionError(error);
    } finally {
      setWorking(null);
    }
  }

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNote error={state.error} onRetry={reload} />;
  const { mode, limits } = state.data;

  return (
    <div class="knowledge-panel">
      <section class="card">
        <h2>{k.title}</h2>
        <p>{k.intro}</p>
        <ModeNote mode={mode} />
      </section>

      <KnowledgeSettings bot={bot} readOnly={!canEdit} onSaved={onBotSaved} />

      {canEdit && (
        <AddSources botId={bot.id} limits={limits} full={sources.length >= limits.maxSources} editing={editing}
          onAdded={(source) => changed(source, k.added(source.title))}
          onSaved={(source) => { changed(source, k.saved(source.title)); setEditing(null); }}
          onCancelEdit={() => setEditing(null)} />
      )}

      <section class="card" aria-labelledby="knowledge-sources-title">
        <div class="section-head">
          <h2 id="knowledge-sources-title">{k.sources}</h2>
          <span class="muted small">{k.sourceCount(sources.length, limits.maxSources)}</span>
        </div>
        <p class="success small" role="status">{notice && `✓ ${notice}`}</p>
        {actionError !== null && !removing && <ErrorNote error={actionError} compact />}
        {sources.length === 0 ? (
          <Empty>{k.none}</Empty>
        ) : (
          <SourceList sources={sources} canEdit={canEdit} working={working}
            onView={setViewing}
            onEdit={(source) => { setNotice(''); setEditing(source); }}
            onReindex={(source) => void reindex(source)}
            onRemove={(source) => { setActionError(null); setRemoving(source); }} />
        )}
      </section>

      <TestQuestion botId={bot.id} />

      {viewing && <ChunksDialog botId={bot.id} source={viewing} onClose={() => setViewing(null)} />}
      {removing && (
        <ConfirmDialog danger title={k.removeTitle} message={<p>{k.removeMessage(removing.title)}</p>}
          confirmLabel={k.remove} busy={working === removing.id}
          error={actionError !== null && <ErrorNote error={actionError} compact />}
          onConfirm={() => void remove()} onClose={() => { if (working !== removing.id) { setRemoving(null); setActionError(null); } }} />
      )}
    </div>
  );
}
