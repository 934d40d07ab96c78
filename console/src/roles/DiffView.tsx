import { useMemo } from 'preact/hooks';
import { useT } from '../i18n';
import { diffRows, diffStats, type DiffRow } from './diff';

/** A replaced line with its changed words (or CJK characters) marked: struck out on the old side, highlighted on the new. */
function Segments({ line }: { line: DiffRow }) {
  return (
    <>
      {line.segments!.map((segment, i) =>
        !segment.changed ? segment.text : line.kind === 'del'
          ? <del key={i} class="diff-word">{segment.text}</del>
          : <ins key={i} class="diff-word">{segment.text}</ins>)}
    </>
  );
}

/** Two texts side by side in one column: removed lines red with "−", added green with "+". */
export function DiffView({ before, after }: { before: string; after: string }) {
  const t = useT();
  const lines = useMemo(() => diffRows(before, after), [before, after]);
  const stats = diffStats(lines);
  if (stats.added === 0 && stats.removed === 0) return <p class="muted">{t.roles.identical}</p>;
  return (
    <>
      <p class="diff-stats">
        <span class="added">+{stats.added}</span> <span class="removed">−{stats.removed}</span> {t.roles.linesChanged}
      </p>
      <div class="diff" role="table" aria-label={t.roles.diff}>
        {lines.map((line, i) => (
          <div key={i} class={`diff-line ${line.kind}`} role="row">
            <span class="diff-no" role="cell" aria-hidden="true">{line.oldLine ?? ''}</span>
            <span class="diff-no" role="cell" aria-hidden="true">{line.newLine ?? ''}</span>
            <span class="diff-sign" role="cell">
              <span aria-hidden="true">{line.kind === 'add' ? '+' : line.kind === 'del' ? '−' : ' '}</span>
              {line.kind !== 'same' && <span class="visually-hidden">{line.kind === 'add' ? t.roles.added : t.roles.removed}</span>}
            </span>
            <span class="diff-text" role="cell">{line.segments ? <Segments line={line} /> : line.text || ' '}</span>
          </div>
        ))}
      </div>
    </>
  );
}
