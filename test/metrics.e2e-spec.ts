import request from 'supertest';
import { chatHarness } from './support/chat-harness';
import { turn } from './support/reply-turn';
import { emitAck, nextEvent } from './support/visitor';
import { waitUntil } from './support/wait-until';

/** One sample of the exposition: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
// Values as Prometheus parses them (Go's ParseFloat): NaN and Inf in any case (prom-client
// prints `Nan` for the event-loop lag before its first sample).
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? ([-+]?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|inf|nan))( -?\d+)?$/i;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/**
 * Parses Prometheus text exposition format 0.0.4 strictly: HELP and TYPE comments, then samples
 * of a declared family (histograms' _bucket/_sum/_count). Throws on the first line that is not.
 */
function parseExposition(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m || !METRIC_NAME.test(m[2])) throw new Error(`bad comment line: ${line}`);
      if (m[1] === 'TYPE') {
        if (!TYPES.has(m[3])) throw new Error(`bad type: ${line}`);
        if (types.has(m[2])) throw new Error(`TYPE given twice: ${line}`);
        types.set(m[2], m[3]);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const name = m[1];
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    const type = types.get(family);
    if (!type) throw new Error(`sample without a TYPE: ${line}`);
    if (family !== name && type !== 'histogram' && type !== 'summary') throw new Error(`suffix on a ${type}: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(LABEL)) labels[key] = value;
    samples.push({ name, labels, value: Number(m[3].replace(/^\+?inf$/i, 'Infinity').replace(/^-inf$/i, '-Infinity')) });
  }
  return samples;
}

/** The value of one series; 0 when it does not exist yet (counters with labels appear on first use). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value ?? 0;
}

describe('GET /metrics', () => {
  const h = chatHarness({
    // One failed call is one error: no retries hide it.
    env: { UPSTREAM_MAX_RETRIES: '0', LOG_LEVEL: 'error' },
    settings: { locale: 'en' },
  });

  async function scrape(): Promise<Sample[]> {
    const res = await request(h.app.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(res.text);
  }

  it('is Prometheus text with the process metrics, event-loop lag among them', async () => {
    const samples = await scrape();
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_p99_seconds',
      'customchat_visitors_connected',
      'customchat_replies_in_flight',
      'customchat_reply_deltas_total',
      'customchat_upstream_ttft_seconds_count',
      'customchat_upstream_latency_seconds_count',
    ]) {
      expect(samples.some((s) => s.name === name)).toBe(true);
    }
  });

  it('counts visitors, deltas, replies, tokens by bot, and latency of a turn', async () => {
    const before = await scrape();
    const { socket } = await h.visitor();
    const during = await scrape();
    expect(value(during, 'customchat_visitors_connected')).toBe(value(before, 'customchat_visitors_connected') + 1);

    const t = await turn(socket, 'm-1', 'How much water should I drink?');
    expect(t.end.status).toBe('complete');
    const after = await scrape();
    const bot = h.fixture.bot.id;

    expect(value(after, 'customchat_reply_deltas_total') - value(before, 'customchat_reply_deltas_total')).toBe(t.deltas.length);
    expect(value(after, 'customchat_replies_total', { status: 'complete' }) - value(before, 'customchat_replies_total', { status: 'complete' })).toBe(1);
    expect(value(after, 'customchat_upstream_ttft_seconds_count') - value(before, 'customchat_upstream_ttft_seconds_count')).toBe(1);
    expect(value(after, 'customchat_upstream_latency_seconds_count') - value(before, 'customchat_upstream_latency_seconds_count')).toBe(1);
    expect(value(after, 'customchat_upstream_latency_seconds_sum')).toBeGreaterThan(value(before, 'customchat_upstream_latency_seconds_sum'));
    // The completion tokens Azure reported, as stored with the answer; the prompt is counted by its tokenizer.
    const [{ completion_tokens: completion }] = await h.app.db.query('SELECT completion_tokens FROM messages WHERE id = $1', [t.replyId]);
    expect(completion).toBeGreaterThanOrEqual(t.deltas.length);
    expect(value(after, 'customchat_tokens_total', { bot, type: 'completion' }) - value(before, 'customchat_tokens_total', { bot, type: 'completion' })).toBe(completion);
    expect(value(after, 'customchat_tokens_total', { bot, type: 'prompt' })).toBeGreaterThan(value(before, 'customchat_tokens_total', { bot, type: 'prompt' }));
    expect(value(after, 'customchat_replies_in_flight')).toBe(0);

    socket.disconnect();
    await waitUntil(async () => value(await scrape(), 'customchat_visitors_connected') === value(before, 'customchat_visitors_connected'), 'the gauge counts the visitor gone');
  });

  it('shows a reply in flight while it streams', async () => {
    const { socket } = await h.visitor();
    h.simulator.configure({ ttftMs: 400 });
    try {
      const ended = nextEvent(socket, 'reply:end');
      const ack = await emitAck<{ replyId: string }>(socket, 'message:send', { clientId: 'm-slow', text: 'Slow one?' });
      expect(ack.ok).toBe(true);
      // The reply is live from before its ack.
      expect(value(await scrape(), 'customchat_replies_in_flight')).toBe(1);
      // Ended before the next test counts anything.
      expect((await ended).status).toBe('complete');
    } finally {
      h.simulator.configure({ ttftMs: 10 });
    }
  });

  it('counts a failed upstream call by kind, and the failed reply', async () => {
    const before = await scrape();
    const { socket } = await h.visitor();
    h.simulator.injectFault({ kind: 'server_error', status: 500 });
    const t = await turn(socket, 'm-2', 'Is this going to fail?');
    expect(t.end.status).toBe('failed');
    const after = await scrape();

    expect(value(after, 'customchat_upstream_errors_total', { kind: 'unavailable' }) - value(before, 'customchat_upstream_errors_total', { kind: 'unavailable' })).toBe(1);
    expect(value(after, 'customchat_replies_total', { status: 'failed' }) - value(before, 'customchat_replies_total', { status: 'failed' })).toBe(1);
    // No token of a failed call, and no first token.
    expect(value(after, 'customchat_upstream_ttft_seconds_count')).toBe(value(before, 'customchat_upstream_ttft_seconds_count'));
    expect(value(after, 'customchat_reply_deltas_total')).toBe(value(before, 'customchat_reply_deltas_total'));
  });

  it('needs no session (it is outside /api) and is not cached', async () => {
    const res = await request(h.app.url).get('/metrics').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
