import { useT } from '../i18n';
import { Dialog } from '../ui/Dialog';
import { Empty, ErrorNote, Loading } from '../ui/States';
import { useAsync } from '../ui/use-async';
import { getSource } from './api';
import { headingTrail } from './format';
import type { KnowledgeSource } from './types';

interface Props {
  botId: string;
  source: KnowledgeSource;
  onClose(): void;
}

/** A source's chunks in order, each with where it sits in the document and its size in tokens. */
export function ChunksDialog({ botId, source, onClose }: Props) {
  const k = useT().knowledge;
  const { state, reload } = useAsync((signal) => getSource(botId, source.id, signal), [botId, source.id]);
  const chunks = state.data ? [...state.data.chunks].sort((a, b) => a.position - b.position) : [];
  const tokens = chunks.reduce((sum, c) => sum + (c.tokens || 0), 0);

  return (
    <Dialog title={k.chunksTitle(source.title)} onClose={onClose} wide>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorNote error={state.error} onRetry={reload} />}
      {state.status === 'ready' && chunks.length === 0 && <Empty>{k.noChunks}</Empty>}
      {state.status === 'ready' && chunks.length > 0 && (
        <>
          <p class="muted small">{k.chunkCount(chunks.length, tokens)}</p>
          <ol class="chunk-list">
            {chunks.map((c, index) => (
              <li key={c.id} class="chunk">
                <div class="chunk-head">
                  <h3>{k.chunk(index + 1)}</h3>
                  <span class="chunk-path">{headingTrail(c.headingPath) || <span class="muted">{k.noHeading}</span>}</span>
                  <span class="badge outline">{k.tokens(c.tokens)}</span>
                </div>
                <div class="chunk-text">{c.text}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}
