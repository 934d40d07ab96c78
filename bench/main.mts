/**
 * `npm run bench`: the load benchmark (docs/performance.md). The built backend runs in its own
 * process against the project's Azure OpenAI simulator (in this process, every delta stamped with
 * its send time); visitor workers chat over socket.io and measure each delta on arrival. A
 * baseline runs the same load through the bare openai client first, so the server's overhead is
 * a difference measured in one run.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { type BenchArgs, parseCli } from './args.mts';
import { type Backend, Console, type Database, prepareDatabase, redisAdapterBuilt, ROOT, ADMIN, scrapeMetrics, startBackend } from './backend.mts';
import { summarizeProfile } from './profile-summary.mts';
import type { Schedule, WorkerResult } from './protocol.mts';
import { type BackendFigures, type BenchReport, printTable, summarize, writeJson } from './report.mts';
import { machineInfo, Sampler, type WindowUsage } from './sampler.mts';
import { distribution } from './stats.mts';
import { replyText, SIM_API_VERSION, SIM_DEPLOYMENT, SIM_KEY, startUpstream, type Upstream } from './upstream.mts';
import { gather, workerCount } from './visitors.mts';

const ORIGIN = 'http://bench.localhost';
const MESSAGE = 'What should I eat to sleep better?';
const SYSTEM_PROMPT = 'You are a health advisor. Answer health questions only.';
/** prom-client's eventLoopMonitoringPrecision in backend/src/metrics/metrics.service.ts. */
const LAG_RESOLUTION_S = 0.01;

const require = createRequire(import.meta.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let quiet = false;
const log = (message: string) => quiet || console.error(`[bench] ${message}`);

/** Builds the backend when dist is missing or older than its sources. */
function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'backend', 'src', 'main.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);
  const stale = !existsSync(main) || !existsSync(join(ROOT, 'dist', 'backend', 'src', 'llm', 'simulator', 'simulator.stamp.js')) || newest(join(ROOT, 'backend', 'src')) > statSync(main).mtimeMs;
  if (stale) {
    log('building the backend (dist is missing or older than backend/src)');
    execSync('npm run build:backend', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}

/**
 * Runs `atStart` and marks the sampler at `schedule.measureFrom`; at `schedule.endAt` (the end of
 * the load, before the drain) runs `atEnd` and resolves with the window's usage.
 */
function measureWindow(sampler: Sampler, schedule: Schedule, atStart: () => void = () => {}, atEnd: () => void = () => {}): Promise<WindowUsage> {
  return new Promise((resolve) => {
    setTimeout(() => {
      sampler.mark();
      atStart();
    }, Math.max(0, schedule.measureFrom - now()));
    setTimeout(() => {
      atEnd();
      resolve(sampler.window());
    }, Math.max(0, schedule.endAt - now()));
  });
}

/** Ramp of one reply's length (so turns arrive steadily), then `duration` measured seconds. */
function scheduleFor(args: BenchArgs, replyMs: number, drainMs: number, ramp = true): Schedule {
  const spreadMs = ramp ? Math.max(1000, replyMs) : 0;
  const measureFrom = now() + spreadMs;
  return { spreadMs, measureFrom, endAt: measureFrom + args.duration * 1000, drainMs };
}

/** The simulator's clock, the one its stamps and the visitor workers use (simulator.stamp.ts); loaded once the build is there. */
let now: () => number = () => {
  throw new Error('clock used before the build was loaded');
};

async function runBaseline(args: BenchArgs, upstream: Upstream, replyMs: number, drainMs: number): Promise<NonNullable<BenchReport['baseline']>> {
  log(`baseline: ${args.visitors} conversations through the bare openai client, ${(replyMs / 1000).toFixed(1)} s ramp + ${args.duration} s`);
  const crowd = await gather(
    {
      mode: 'baseline',
      urls: [],
      publicKey: '',
      origin: ORIGIN,
      connectConcurrency: args.connectConcurrency,
      message: MESSAGE,
      remoteWatchers: false,
      azure: { endpoint: upstream.url, apiKey: SIM_KEY, deployment: SIM_DEPLOYMENT, apiVersion: SIM_API_VERSION, systemPrompt: SYSTEM_PROMPT },
    },
    args.visitors,
    workerCount(args.visitors, args.workers),
  );
  const sampler = new Sampler({ bench: () => [process.pid, ...crowd.pids] });
  sampler.start();
  const schedule = scheduleFor(args, replyMs, drainMs);
  const usage = measureWindow(sampler, schedule);
  const results = await crowd.run(schedule);
  const window = await usage;
  sampler.stop();
  await crowd.close();
  return { load: summarize(results, args.duration), benchCpuPercent: window.groups.bench.cpuPercent, machineBusyPercent: window.machineBusyPercent, seconds: window.seconds };
}

async function runServer(args: BenchArgs, upstream: Upstream, replyMs: number, drainMs: number, notes: string[]): Promise<NonNullable<BenchReport['server']>> {
  if (args.instances === 2 && !redisAdapterBuilt()) {
    throw new Error(
      '--instances 2 needs the socket.io cluster adapter (REDIS_URL → backend/src/cluster/) in the build, and this build has none: ' +
        "a visitor on one instance would not get the deltas of a reply streamed by the other. Run with --instances 1 until the adapter lands.",
    );
  }
  const db: Database = await prepareDatabase(args.db, args.postgresUrl);
  const backends: Backend[] = [];
  let crowd: Awaited<ReturnType<typeof gather>> | undefined;
  try {
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      APP_SECRET: 'bench-secret-'.padEnd(48, 'x'),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      AZURE_OPENAI_ENDPOINT: upstream.url,
      AZURE_OPENAI_API_KEY: SIM_KEY,
      AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT,
      AZURE_OPENAI_API_VERSION: SIM_API_VERSION,
      // The installation's limits (0 = none): the bench is one address making thousands of visitors.
      RATE_VISITOR_MESSAGES_PER_MINUTE: '0',
      RATE_BOT_MESSAGES_PER_MINUTE: '0',
      RATE_IP_CONNECTIONS_PER_MINUTE: '0',
      RATE_IP_NEW_VISITORS_PER_HOUR: '0',
      // --knowledge: the owner adds the whole corpus at once.
      RATE_USER_KNOWLEDGE_WRITES_PER_MINUTE: '0',
      BUDGET_CONVERSATION_TOKENS: '0',
      BUDGET_BOT_DAILY_TOKENS: '0',
      BUDGET_BOT_MONTHLY_TOKENS: '0',
      ...db.env,
      ...(args.instances === 2 ? { REDIS_URL: args.redisUrl, REDIS_KEY_PREFIX: `bench${process.pid}:` } : {}),
      ...args.backendEnv,
    };
    const profileDir = args.profile ? resolve(args.profile) : undefined;
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    // One after the other: the first runs the migrations and seeds the bot.
    for (let i = 0; i < args.instances; i++) {
      backends.push(await startBackend(env, i === 0 ? profileDir : undefined, args.backend ? resolve(args.backend) : undefined));
      log(`backend ${i + 1} up at ${backends[i].url} (pid ${backends[i].pid}), ${db.describe}`);
    }
    const owner = new Console(backends[0].url);
    await owner.login();
    const bot = await owner.benchBot(ORIGIN);
    let message = MESSAGE;
    if (args.knowledge) {
      const started = now();
      const sources = await owner.seedKnowledge(bot.id, join(ROOT, 'bench', 'retrieval', 'corpus'));
      message = knowledgeQuestion();
      log(`knowledge: ${sources} sources indexed in ${((now() - started) / 1000).toFixed(1)} s; visitors ask "${message}"`);
    }

    let postgresPids: number[] = [];
    const sampler = new Sampler({
      backend: () => backends.map((b) => b.pid),
      ...Object.fromEntries(backends.map((b, i) => [`backend${i}`, () => [b.pid]])),
      postgres: () => postgresPids,
      bench: () => [process.pid, ...(crowd?.pids ?? [])],
    });
    sampler.start();
    await sleep(1000);
    const rssBefore = backends.map((b) => Sampler.rss(b.pid));

    const workers = workerCount(args.visitors, args.workers, args.remoteWatchers ? 2 : 1);
    log(`connecting ${args.visitors} visitors${args.remoteWatchers ? ', each with a watcher socket on the other instance,' : ''} from ${workers} worker process(es)`);
    const connectStarted = now();
    crowd = await gather(
      {
        mode: args.idle ? 'idle' : 'chat',
        urls: backends.map((b) => b.url),
        publicKey: bot.publicKey,
        origin: ORIGIN,
        connectConcurrency: args.connectConcurrency,
        message,
        remoteWatchers: args.remoteWatchers,
        azure: { endpoint: '', apiKey: '', deployment: '', apiVersion: '', systemPrompt: '' },
      },
      args.visitors,
      workers,
    );
    log(`${crowd.connected} connected, ${crowd.failed} failed in ${((now() - connectStarted) / 1000).toFixed(1)} s`);
    if (args.idle) await sleep(3000); // let the handshakes' garbage go before measuring memory

    const schedule = scheduleFor(args, replyMs, drainMs, !args.idle);
    log(args.idle ? `holding for ${args.duration} s` : `ramp ${(schedule.spreadMs / 1000).toFixed(1)} s, then ${args.duration} s measured`);
    const lag = backends.map(() => ({ p99: [] as number[], max: [] as number[] }));
    let lagScrapes: Promise<unknown> = Promise.resolve();
    const scrapeLag = () => {
      lagScrapes = Promise.all(
        backends.map((b, i) =>
          scrapeMetrics(b.url)
            .then((m) => {
              lag[i].p99.push(m.nodejs_eventloop_lag_p99_seconds);
              lag[i].max.push(m.nodejs_eventloop_lag_max_seconds);
            })
            .catch(() => {}),
        ),
      );
    };
    // PostgreSQL's processes for this database (one per pooled connection; they come and go), looked up every second.
    const refreshPids = () => void db.serverPids().then((pids) => (postgresPids = pids), () => undefined);
    refreshPids();
    const pidTimer = setInterval(refreshPids, 1000);
    let lagTimer: NodeJS.Timeout | undefined;
    let lastMetrics: Record<string, number>[] = [];
    let atMark: Promise<Record<string, number>[]> = Promise.resolve([]);
    let atEnd: Promise<Record<string, number>[]> = Promise.resolve([]);
    const usage = measureWindow(
      sampler,
      schedule,
      () => {
        // The window starts here: /metrics scrapes reset the event-loop delay histogram.
        atMark = Promise.all(backends.map((b) => scrapeMetrics(b.url)));
        lagTimer = setInterval(scrapeLag, 5000);
        if (profileDir) backends[0].profile('start');
      },
      () => {
        clearInterval(lagTimer);
        // One scrape for the counters and the last stretch of the lag (a scrape resets the lag histogram).
        atEnd = lagScrapes.then(() =>
          Promise.all(
            backends.map((b, i) =>
              scrapeMetrics(b.url).then((m) => {
                lag[i].p99.push(m.nodejs_eventloop_lag_p99_seconds);
                lag[i].max.push(m.nodejs_eventloop_lag_max_seconds);
                return m;
              }),
            ),
          ),
        );
        if (profileDir) backends[0].profile('stop');
      },
    );
    const results: WorkerResult[] = await crowd.run(schedule);
    const window = await usage;
    clearInterval(pidTimer);
    await lagScrapes;
    const marked = await atMark;
    const ended = await atEnd;
    const relayedInWindow = ended.reduce((n, m, i) => n + (m.customchat_reply_deltas_total - marked[i].customchat_reply_deltas_total), 0);
    const repliesInWindow = ended.reduce((n, m, i) => n + (m.customchat_replies_total - marked[i].customchat_replies_total), 0);
    lastMetrics = await Promise.all(backends.map((b) => scrapeMetrics(b.url)));
    sampler.stop();

    const load = args.idle ? undefined : summarize(results, args.duration);
    if (load) {
      load.deltasPerSecond = Math.round(relayedInWindow / window.seconds);
      load.repliesPerSecond = Math.round((repliesInWindow / window.seconds) * 10) / 10;
      load.backendCpuMicrosPerDelta = relayedInWindow ? Math.round((window.groups.backend.cpuPercent / 100) * window.seconds * 1e6 / relayedInWindow) : NaN;
      const chunksInWindow = results.reduce((n, r) => n + r.chunksInWindow, 0);
      load.chunksPerSecond = Math.round(chunksInWindow / window.seconds);
      load.backendCpuMicrosPerChunk = chunksInWindow ? Math.round((window.groups.backend.cpuPercent / 100) * window.seconds * 1e6 / chunksInWindow) : NaN;
    }
    const stored = args.idle ? undefined : await verifyStored(owner, results);

    const figures: BackendFigures[] = backends.map((b, i) => {
      const group = window.groups[`backend${i}`];
      // monitorEventLoopDelay (prom-client samples it every 10 ms) records the whole interval between
      // its timer's runs, so an idle loop reads ~10 ms: the lag is what lies beyond that.
      const lagMs = (values: number[]) => (values.length ? Math.max(0, Math.round((Math.max(...values) - LAG_RESOLUTION_S) * 1e6) / 1e3) : NaN);
      return {
        url: b.url,
        cpuPercent: group.cpuPercent,
        rssPeakBytes: group.rssPeakBytes,
        rssEndBytes: group.rssEndBytes,
        rssBeforeBytes: rssBefore[i],
        ...(args.idle ? { rssPerVisitorBytes: Math.round((group.rssEndBytes - rssBefore[i]) / Math.max(1, Math.round(crowd!.connected / backends.length))) } : {}),
        eventLoopLagP99Ms: lagMs(lag[i].p99),
        eventLoopLagMaxMs: lagMs(lag[i].max),
        metrics: lastMetrics[i],
        logProblems: b.problems(),
      };
    });
    if (backends.length > 1) notes.push(`${backends.length} instances together: CPU ${window.groups.backend.cpuPercent}% of one core`);
    if (args.remoteWatchers) {
      notes.push(
        'remote watchers: every delta goes to two sockets, one per instance (backend CPU per delta includes the second delivery); ' +
          'cross-instance = watcher arrival − own-socket arrival in the same worker process, so a busy worker adds to both sides alike',
      );
    }

    let profiles: string[] | undefined;
    if (profileDir) {
      const file = join(profileDir, `backend-${backends[0].pid}.cpuprofile`);
      for (let i = 0; i < 50 && !existsSync(file); i++) await sleep(200);
      if (existsSync(file)) {
        profiles = [file];
        log(`CPU profile of the window: ${file}\n${summarizeProfile(file, 25)}`);
      } else notes.push('the CPU profile was not written');
    }
    return {
      database: db.describe,
      connected: crowd.connected,
      connectFailed: crowd.failed,
      connectErrors: crowd.errors,
      connect: distribution(...crowd.connectMs),
      load,
      stored,
      backends: figures,
      benchCpuPercent: window.groups.bench.cpuPercent,
      postgresCpuPercent: args.db === 'postgres' ? window.groups.postgres.cpuPercent : undefined,
      machineBusyPercent: window.machineBusyPercent,
      loadAverage1m: window.loadAverage1m,
      seconds: window.seconds,
      profiles,
    };
  } catch (error) {
    for (const b of backends) process.stderr.write(`--- backend ${b.url} log tail ---\n${b.output().split('\n').slice(-30).join('\n')}\n`);
    throw error;
  } finally {
    await crowd?.close();
    await Promise.all(backends.map((b) => b.stop()));
    await db.drop();
  }
}

/** Every reply a visitor saw, looked up in the staff's transcript: stored, same status, same text. */
async function verifyStored(owner: Console, results: WorkerResult[]) {
  const seen = results.flatMap((r) => r.replies);
  const byConversation = new Map<string, Array<[string, string, string, string]>>();
  for (const r of seen) byConversation.set(r[0], [...(byConversation.get(r[0]) ?? []), r]);
  const counts = { seen: seen.length, stored: 0, matching: 0, missing: 0, different: 0, streaming: 0 };
  const ids = [...byConversation.keys()];
  let next = 0;
  const digest = (text: string) => createHash('sha1').update(text).digest('base64').slice(0, 20);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ids.length) {
        const id = ids[next++];
        const messages = await owner.transcript(id);
        const byId = new Map(messages.map((m) => [m.id, m]));
        counts.stored += messages.filter((m) => m.role === 'assistant' && m.status !== 'streaming').length;
        counts.streaming += messages.filter((m) => m.role === 'assistant' && m.status === 'streaming').length;
        for (const [, replyId, status, hash] of byConversation.get(id)!) {
          const m = byId.get(replyId);
          if (!m) counts.missing++;
          else if (m.status === status && digest(m.text) === hash) counts.matching++;
          else counts.different++;
        }
      }
    }),
  );
  return counts;
}

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  quiet = args.quiet;
  ensureBuilt();
  const sim = require('../dist/backend/src/llm/simulator/index.js') as typeof import('../backend/src/llm/simulator/index.ts');
  now = sim.preciseNow;
  const chunksPerReply = sim.splitIntoPieces(replyText(args.replyChars)).length;
  // A reply started just before the end may still take its whole length; then some slack.
  const replyMs = args.ttft + (chunksPerReply / args.rate) * 1000;
  const drainMs = replyMs + 30_000;
  const notes: string[] = [];
  const report: BenchReport = {
    args: { ...args },
    machine: machineInfo(),
    node: process.version,
    startedAt: new Date().toISOString(),
    upstream: { chunksPerReply, charsPerReply: args.replyChars },
    notes,
  };
  log(`machine: ${report.machine.cores} cores, load average ${report.machine.loadAverage.join(' ')}`);
  const upstream = await startUpstream({ ttftMs: args.ttft, chunksPerSecond: args.rate, replyChars: args.replyChars });
  try {
    if (!args.noBaseline) report.baseline = await runBaseline(args, upstream, replyMs, drainMs);
    if (!args.baselineOnly) report.server = await runServer(args, upstream, replyMs, drainMs, notes);
  } finally {
    await upstream.stop();
  }
  const problems = integrityProblems(report);
  notes.push(...problems);
  printTable(report);
  if (args.json) writeJson(args.json, report);
  if (problems.length) process.exitCode = 3;
}

/** Anything lost, duplicated, reordered, unstored or refused: the run is not clean. */
function integrityProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  const s = report.server;
  if (s) {
    if (s.connectFailed) problems.push(`${s.connectFailed} visitors could not connect`);
    if (s.load) {
      for (const [k, v] of Object.entries(s.load.integrity)) if (v) problems.push(`${v} deltas ${k}`);
      if (s.load.turns.unfinished) problems.push(`${s.load.turns.unfinished} replies did not end within the drain time`);
      if (s.load.disconnects) problems.push(`${s.load.disconnects} visitors were disconnected`);
      const notComplete = Object.entries(s.load.turns.ended).filter(([k]) => k !== 'complete');
      if (notComplete.length) problems.push(`replies not complete: ${JSON.stringify(Object.fromEntries(notComplete))}`);
      if (Object.keys(s.load.turns.refused).length) problems.push(`turns refused: ${JSON.stringify(s.load.turns.refused)}`);
      const w = s.load.watchers;
      if (w) {
        for (const [k, v] of Object.entries(w.integrity)) if (v) problems.push(`watchers: ${v} ${k}`);
        if (w.disconnects) problems.push(`watchers: ${w.disconnects} were disconnected`);
        if (w.wrongConversation) problems.push(`watchers: ${w.wrongConversation} landed in another conversation than their visitor's`);
      }
    }
    if (s.stored && (s.stored.missing || s.stored.different || s.stored.streaming)) problems.push(`stored replies: ${JSON.stringify(s.stored)}`);
  }
  return problems.map((p) => `INTEGRITY: ${p}`);
}

main().catch((error: unknown) => {
  const cause = (error as Error).cause as Error | undefined;
  console.error(`bench: ${(error as Error).stack ?? error}${cause ? `\n  cause: ${cause.message ?? cause}` : ''}`);
  process.exit(1);
});

/** An English question of the retrieval set (its answer is in the corpus). */
function knowledgeQuestion(): string {
  const questions = JSON.parse(readFileSync(join(ROOT, 'bench', 'retrieval', 'questions.json'), 'utf8')) as { lang: string; question: string }[];
  return questions.find((q) => q.lang === 'en')!.question;
}
