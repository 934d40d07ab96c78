import { applyPreviewEvent, finishTurn, historyFor, type PreviewTurn } from './preview-chat';

const asking: PreviewTurn[] = [
  { role: 'user', text: '失眠怎么办？', status: 'complete' },
  { role: 'assistant', text: '', status: 'streaming' },
];

describe('preview chat', () => {
  it('appends deltas, then takes the final text and status', () => {
    let turns = applyPreviewEvent(asking, { delta: '建议' });
    turns = applyPreviewEvent(turns, { delta: '早睡' });
    expect(turns[1]).toEqual({ role: 'assistant', text: '建议早睡', status: 'streaming' });
    turns = applyPreviewEvent(turns, { end: { status: 'complete', text: '建议早睡。' } });
    expect(turns[1]).toEqual({ role: 'assistant', text: '建议早睡。', status: 'complete' });
    expect(applyPreviewEvent(turns, { delta: 'late' })).toBe(turns);
  });

  it('records a filtered or failed end and errors', () => {
    expect(applyPreviewEvent(asking, { end: { status: 'filtered', text: '' } })[1].status).toBe('filtered');
    expect(applyPreviewEvent(asking, { end: { status: 'weird' } })[1].status).toBe('complete');
    expect(applyPreviewEvent(asking, { end: { status: 'failed', text: '', error: 'upstream_unavailable' } })[1])
      .toMatchObject({ status: 'failed', error: 'upstream_unavailable' });
    expect(applyPreviewEvent(asking, { error: { message: 'upstream down' } })[1]).toMatchObject({ status: 'failed', error: 'upstream down' });
    expect(applyPreviewEvent(asking, { something: 1 })).toBe(asking);
  });

  it('finishes a cut-off answer and builds the history from finished turns', () => {
    const stopped = finishTurn(applyPreviewEvent(asking, { delta: '建议' }), 'stopped');
    expect(stopped[1]).toEqual({ role: 'assistant', text: '建议', status: 'stopped' });
    expect(historyFor(stopped)).toEqual([
      { role: 'user', content: '失眠怎么办？' },
      { role: 'assistant', content: '建议' },
    ]);
    expect(historyFor(asking)).toEqual([{ role: 'user', content: '失眠怎么办？' }]);
    expect(historyFor([...asking.slice(0, 1), { role: 'assistant', text: '  ', status: 'failed' }])).toHaveLength(1);
  });
});
