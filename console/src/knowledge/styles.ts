/** The knowledge tab, and the sources under an answer in the transcript. */
export const knowledgeStyles = `
.knowledge-panel { display: grid; gap: 16px; }
.knowledge-mode { display: grid; gap: 2px; margin: 0; padding: 10px 12px; border-radius: var(--radius-sm); background: var(--surface-2); }
.knowledge-mode.lexical { background: var(--info-soft); }
.knowledge-settings .actions, .knowledge-form .actions { margin-top: 4px; }
.knowledge-form { display: grid; gap: 12px; }
.knowledge-text { font-family: var(--mono); font-size: 13.5px; line-height: 1.6; min-height: 220px; }
.segmented { display: flex; flex-wrap: wrap; gap: 0; }
.segmented legend { width: 100%; margin-bottom: 6px; }
.segment { position: relative; display: inline-flex; cursor: pointer; }
.segment input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.segment span { padding: 6px 14px; border: 1px solid var(--border-strong); margin-left: -1px; background: var(--surface); }
.segment:first-of-type span { border-radius: var(--radius-sm) 0 0 var(--radius-sm); margin-left: 0; }
.segment:last-of-type span { border-radius: 0 var(--radius-sm) var(--radius-sm) 0; }
.segment.checked span { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); font-weight: 600; }
.segment input:focus-visible + span { box-shadow: var(--focus); position: relative; }
.drop-zone {
  display: grid; justify-items: center; gap: 8px; padding: 24px 16px; text-align: center;
  border: 2px dashed var(--border-strong); border-radius: var(--radius); background: var(--surface-2);
}
.drop-zone.over { border-color: var(--accent); background: var(--accent-soft); }
.drop-zone.disabled { opacity: 0.6; }
.drop-zone p { margin: 0; }
.drop-title { font-weight: 600; }
.upload-list h3 { margin: 0; font-size: 14px; }
.upload-list ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.upload { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; padding: 6px 10px; border-radius: var(--radius-sm); background: var(--surface-2); }
.upload-name { font-weight: 500; overflow-wrap: anywhere; }
.upload-error, .source-error { color: var(--danger); font-size: 12.5px; overflow-wrap: anywhere; }
.faq-rows { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.faq-pair { padding: 12px; border: 1px solid var(--border); border-radius: var(--radius-sm); gap: 10px; }
.faq-legend { padding: 0 4px; font-weight: 600; font-size: 13px; }
.checkbox { display: inline-flex; gap: 8px; align-items: center; cursor: pointer; }
.source-title { display: grid; gap: 2px; font-weight: 500; }
.source-origin { font-weight: 400; overflow-wrap: anywhere; }
.source-status { display: grid; gap: 4px; justify-items: start; }
.source-status .badge { margin-left: 0; }
.source-progress { font-variant-numeric: tabular-nums; }
.chunk-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; max-height: 65vh; overflow-y: auto; }
.chunk { border: 1px solid var(--border); border-radius: var(--radius-sm); padding: 10px 12px; display: grid; gap: 6px; }
.chunk-head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.chunk-head h3 { margin: 0; font-size: 13px; }
.chunk-path { margin: 0; color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
.chunk-text, .result-excerpt { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 13.5px; }
.test-form { display: flex; gap: 8px; align-items: flex-end; }
.test-form .field { flex: 1 1 auto; }
.search-results { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.search-result { display: grid; gap: 4px; padding: 10px 12px; border: 1px solid var(--border); border-radius: var(--radius-sm); }
.result-head { display: flex; gap: 10px; align-items: baseline; }
.result-title { margin: 0; font-size: 14px; flex: 1 1 auto; overflow-wrap: anywhere; }
.result-rank, .result-score { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; }
.answer-sources { display: grid; gap: 4px; padding-top: 8px; border-top: 1px solid var(--border); font-size: 13px; }
.answer-sources-title { margin: 0; font-weight: 600; color: var(--muted); font-size: 12px; }
.answer-source-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
.answer-source summary { cursor: pointer; overflow-wrap: anywhere; }
.answer-source-excerpt {
  margin: 4px 0 6px 18px; padding: 6px 10px; border-left: 3px solid var(--border-strong);
  background: var(--surface-2); white-space: pre-wrap; overflow-wrap: anywhere; color: var(--fg);
}

@media (max-width: 720px) {
  .test-form { flex-direction: column; align-items: stretch; }
}
`;
