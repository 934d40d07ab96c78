import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisAnswers, TEST_REDIS_URL } from './support/redis';

/** `npm run bench -- ARGS` to its end: exit code and everything it printed. */
function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', join(__dirname, '..', 'bench', 'main.mts'), ...args], {
      cwd: join(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/**
 * `npm run bench` itself, tiny: it runs end to end (baseline, then the built backend with
 * visitors), writes its JSON, and loses nothing. Its timings are not asserted: they belong to
 * the machine, and docs/performance.md records them.
 */
describe('npm run bench (20 visitors, 3 s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every delta, loses none, and finds every reply stored', async () => {
    const json = join(dir, 'bench.json');
    const args = ['--visitors', '20', '--duration', '3', '--rate', '50', '--reply-chars', '200', '--ttft', '20', '--json', json, '--quiet'];
    // With a PostgreSQL server (CI) the backend starts in a second; embedded PGlite takes longer.
    if (process.env.DATABASE_URL) args.push('--db', 'postgres', '--postgres-url', process.env.DATABASE_URL);
    const { code, output } = await runBench(args);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('server: relay overhead');

    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.machine.cores).toBeGreaterThan(0);
    expect(report.upstream.chunksPerReply).toBeGreaterThan(10);

    const baseline = report.baseline.load;
    expect(baseline.deltas).toBeGreaterThan(0);
    expect(baseline.integrity.unstamped).toBe(0);

    const server = report.server;
    expect(server.connected).toBe(20);
    expect(server.connectFailed).toBe(0);
    const load = server.load;
    for (const key of ['relay', 'ttftOverhead', 'preUpstream', 'firstRelay', 'ack']) {
      expect(load[key]).toEqual(expect.objectContaining({ count: expect.any(Number), p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) }));
      expect(load[key].count).toBeGreaterThan(0);
    }
    expect(load.deltas).toBeGreaterThan(0);
    expect(load.integrity).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, textMismatch: 0, unstamped: 0, strays: 0 });
    expect(load.turns.unfinished).toBe(0);
    expect(load.turns.refused).toEqual({});
    expect(Object.keys(load.turns.ended)).toEqual(['complete']);
    expect(server.stored.seen).toBe(load.turns.ended.complete);
    expect(server.stored).toMatchObject({ matching: server.stored.seen, missing: 0, different: 0, streaming: 0 });

    const [backend] = server.backends;
    expect(backend.cpuPercent).toEqual(expect.any(Number));
    expect(backend.rssPeakBytes).toBeGreaterThan(0);
    expect(backend.eventLoopLagP99Ms).toEqual(expect.any(Number));
    expect(backend.metrics.customchat_reply_deltas_total).toBeGreaterThanOrEqual(load.deltas);
  }, 150_000);
});

/**
 * `--instances 2 --remote-watchers`, tiny: every visitor's second socket, on the other instance,
 * gets every delta of every reply through Redis, and both sockets' arrivals pair up. Needs
 * PostgreSQL (DATABASE_URL) and Redis; CI has both and fails without them, elsewhere it skips.
 */
const twoInstances = (process.env.DATABASE_URL && redisAnswers()) || process.env.CI ? describe : describe.skip;
twoInstances('npm run bench --instances 2 --remote-watchers (10 visitors, 3 s)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers every delta to the watcher on the other instance and measures the pairs', async () => {
    if (!process.env.DATABASE_URL) throw new Error('CI must set DATABASE_URL');
    if (!redisAnswers()) throw new Error(`CI must provide Redis at ${TEST_REDIS_URL}`);
    const json = join(dir, 'bench.json');
    const { code, output } = await runBench([
      ...['--visitors', '10', '--duration', '3', '--rate', '50', '--reply-chars', '200', '--ttft', '20', '--no-baseline', '--quiet', '--json', json],
      ...['--instances', '2', '--remote-watchers', '--db', 'postgres', '--postgres-url', process.env.DATABASE_URL, '--redis-url', TEST_REDIS_URL],
    ]);
    expect({ code, output }).toMatchObject({ code: 0 });
    expect(output).toContain('watcher − own socket: cross-instance');

    const { server } = JSON.parse(readFileSync(json, 'utf8'));
    expect(server.connected).toBe(10);
    expect(server.backends).toHaveLength(2);
    const { load } = server;
    const watchers = load.watchers;
    expect(watchers.integrity).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, textMismatch: 0, endMismatch: 0, unstamped: 0, missedEnds: 0 });
    expect(watchers).toMatchObject({ wrongConversation: 0, disconnects: 0 });
    // Every reply the visitors saw end, the watchers saw too, delta for delta.
    expect(watchers.ended).toBe(load.turns.ended.complete);
    expect(watchers.deltas).toBe(load.deltas);
    for (const key of ['relay', 'crossInstance']) {
      expect(watchers[key].count).toBeGreaterThan(0);
      expect(watchers[key]).toEqual(expect.objectContaining({ p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) }));
    }
  }, 90_000);
});
