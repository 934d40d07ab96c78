import { upsertSource, withoutSource } from './list-updates';
import type { KnowledgeList, KnowledgeSource } from './types';

const source = (id: string, status: KnowledgeSource['status'] = 'ready'): KnowledgeSource => ({
  id, title: id, kind: 'text', status, chunks: 1, bytes: 10, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const list = (...sources: KnowledgeSource[]): KnowledgeList => ({
  mode: 'hybrid', limits: { maxSources: 10, maxFileBytes: 1000, maxChunks: 100 }, sources,
});

describe('list updates', () => {
  it('puts a new source first and replaces a known one in place', () => {
    expect(upsertSource(list(source('a'), source('b')), source('c', 'queued')).sources.map((s) => s.id)).toEqual(['c', 'a', 'b']);
    const updated = upsertSource(list(source('a'), source('b')), source('b', 'indexing'));
    expect(updated.sources.map((s) => [s.id, s.status])).toEqual([['a', 'ready'], ['b', 'indexing']]);
  });

  it('removes a deleted source and keeps the rest', () => {
    const before = list(source('a'), source('b'));
    expect(withoutSource(before, 'a')).toEqual({ ...before, sources: [source('b')] });
  });
});
