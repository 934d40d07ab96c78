import { RequestLog } from './simulator.request-log';
import { AzureOpenAISimulator } from './simulator.server';
import type { RecordedRequest } from './simulator.request';

const record = (n: number, body: unknown = { n }): RecordedRequest => ({ method: 'POST', path: `/r/${n}`, query: {}, headers: { 'api-key': 'k' }, body, at: n });

describe('RequestLog', () => {
  it('keeps the newest requests within the count, oldest dropped first', () => {
    const log = new RequestLog();
    for (let n = 0; n < 30; n++) log.add(record(n), JSON.stringify({ n }), { maxLoggedRequests: 10, maxLoggedBytes: 1e9 });
    expect(log.entries.map((r) => r.at)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    expect(log.total).toBe(30);
  });

  it('keeps its bytes under the bound, and keeps a request too big alone without its body', () => {
    const log = new RequestLog();
    const limits = { maxLoggedRequests: 1000, maxLoggedBytes: 10_000 };
    const raw = 'x'.repeat(1_000);
    for (let n = 0; n < 50; n++) log.add(record(n, raw), raw, limits);
    expect(log.byteSize).toBeLessThanOrEqual(10_000);
    expect(log.entries.length).toBeGreaterThan(5);
    expect(log.entries.length).toBeLessThan(10);
    expect(log.entries.at(-1)!.at).toBe(49);

    const huge = 'y'.repeat(50_000);
    log.add(record(50, huge), huge, limits);
    expect(log.entries.at(-1)).toMatchObject({ at: 50, body: '[body of 50000 bytes not kept]' });
    expect(log.byteSize).toBeLessThanOrEqual(10_000);
  });

  it('starts counting again from nothing when cleared or emptied by hand', () => {
    const log = new RequestLog();
    const limits = { maxLoggedRequests: 10, maxLoggedBytes: 5_000 };
    for (let n = 0; n < 5; n++) log.add(record(n), 'z'.repeat(900), limits);
    log.entries.length = 0;
    log.add(record(9), 'z'.repeat(900), limits);
    expect(log.entries).toHaveLength(1);
    log.clear();
    expect(log.byteSize).toBe(0);
  });
});

describe('AzureOpenAISimulator request log', () => {
  const N = 20;
  const K = 15;
  const MAX_BYTES = 64 * 1024;
  const simulator = new AzureOpenAISimulator({ maxLoggedRequests: N, maxLoggedBytes: MAX_BYTES, ttftMs: 0, tokensPerSecond: 0 });
  let url: string;
  beforeAll(async () => (url = await simulator.start()));
  afterAll(() => simulator.stop());

  it('holds at most N of N+K requests, the newest, and stays under its byte bound', async () => {
    const padding = 'p'.repeat(8 * 1024);
    for (let i = 0; i < N + K; i++) {
      const res = await fetch(`${url}/openai/deployments/d/chat/completions?api-version=2024-10-21`, {
        method: 'POST',
        headers: { 'api-key': 'k', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: `question ${i} ${i % 3 === 0 ? padding : ''}` }] }),
      });
      await res.text();
    }
    expect(simulator.requests.length).toBeLessThanOrEqual(N);
    expect(simulator.requestLogBytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(simulator.requestCount).toBe(N + K);
    const last = simulator.requests.at(-1)!.body as { messages: Array<{ content: string }> };
    expect(last.messages[0].content).toMatch(new RegExp(`^question ${N + K - 1} `));
  });
});
