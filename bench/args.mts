/** `npm run bench -- [flags]`: the command line, checked. */
import { parseArgs } from 'node:util';

/** Node flags for the bench's own TypeScript processes (type stripping is on by default from Node 23.6; 22.12+ needs the flag). */
export const TS_NODE_FLAGS = ['--experimental-strip-types', '--disable-warning=ExperimentalWarning'];

export interface BenchArgs {
  /** Concurrent visitors (conversations). */
  visitors: number;
  /** Chunks per second of each reply (the simulator's pacing). */
  rate: number;
  /** Seconds of chatting (or of holding idle connections) after all visitors are connected. */
  duration: number;
  /** The simulator's time to first token, ms. */
  ttft: number;
  /** Characters of each reply (before stamps). */
  replyChars: number;
  instances: 1 | 2;
  db: 'pglite' | 'postgres';
  /** Idle mode: visitors connect and stay, nobody chats; measures memory per connection. */
  idle: boolean;
  /** Only the baseline (the bare openai client against the simulator, no server between). */
  baselineOnly: boolean;
  /** Skip the baseline run. */
  noBaseline: boolean;
  /** Visitor worker processes; 0 = chosen from the visitor count. */
  workers: number;
  /** Handshakes in flight per worker while connecting. */
  connectConcurrency: number;
  /** Where to write the JSON results. */
  json?: string;
  /** Write a V8 CPU profile of the (first) backend over the measured window into this folder. */
  profile?: string;
  /** Another build's main.js to run as the backend (before/after comparisons); default dist/backend/src/main.js. */
  backend?: string;
  /** Redis for --instances 2. */
  redisUrl: string;
  /** PostgreSQL server for --db postgres (a scratch database is created on it and dropped after). */
  postgresUrl: string;
  quiet: boolean;
  /** Extra environment for the backend(s), e.g. DATABASE_POOL_SIZE=20 (--backend-env, repeatable). */
  backendEnv: Record<string, string>;
  /**
   * --instances 2: every visitor also listens from a second socket, as the same visitor, on the
   * other instance, which gets the reply's deltas only through Redis (cross-instance delivery).
   */
  remoteWatchers: boolean;
  /**
   * The bot answers from knowledge: the retrieval corpus (bench/retrieval/corpus) is indexed
   * first, and visitors ask a question it answers, so every turn retrieves and gets passages.
   */
  knowledge: boolean;
}

const USAGE = `Usage: npm run bench -- [options]
  --visitors N          concurrent visitors (default 100)
  --rate N              chunks per second per reply (default 10)
  --duration S          seconds of load once everyone is connected (default 20)
  --ttft MS             simulator time to first token (default 300)
  --reply-chars N       characters per reply (default 600)
  --instances 1|2       backend instances (2 needs Redis and --db postgres; default 1)
  --remote-watchers     with --instances 2: each visitor also listens, as the same visitor, from a
                        second socket on the other instance (cross-instance delivery through Redis)
  --db pglite|postgres  embedded PGlite (default) or a scratch database on --postgres-url
  --idle                visitors connect and stay idle (memory per connection)
  --baseline            only the baseline: the openai client straight against the simulator
  --no-baseline         skip the baseline run
  --workers N           visitor worker processes (default: from --visitors)
  --connect-concurrency N  handshakes in flight per worker (default 25)
  --json FILE           write the results as JSON
  --profile DIR         CPU profile of the backend over the measured window (.cpuprofile)
  --backend FILE        run this build's main.js as the backend (compare two builds)
  --redis-url URL       (default redis://127.0.0.1:6379)
  --postgres-url URL    (default postgresql://postgres@127.0.0.1:5432/postgres)
  --backend-env K=V     extra environment for the backend (repeatable), e.g. DATABASE_POOL_SIZE=20
  --knowledge           the bot answers from knowledge: the retrieval corpus is indexed first and
                        visitors ask a question it answers (each turn retrieves passages)
  --quiet               no progress lines`;

export function parseCli(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      visitors: { type: 'string', default: '100' },
      rate: { type: 'string', default: '10' },
      duration: { type: 'string', default: '20' },
      ttft: { type: 'string', default: '300' },
      'reply-chars': { type: 'string', default: '600' },
      instances: { type: 'string', default: '1' },
      db: { type: 'string', default: 'pglite' },
      idle: { type: 'boolean', default: false },
      baseline: { type: 'boolean', default: false },
      'no-baseline': { type: 'boolean', default: false },
      workers: { type: 'string', default: '0' },
      'connect-concurrency': { type: 'string', default: '25' },
      json: { type: 'string' },
      profile: { type: 'string' },
      backend: { type: 'string' },
      'redis-url': { type: 'string', default: 'redis://127.0.0.1:6379' },
      'postgres-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
      quiet: { type: 'boolean', default: false },
      'backend-env': { type: 'string', multiple: true, default: [] },
      'remote-watchers': { type: 'boolean', default: false },
      knowledge: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number, max: number): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
  const instances = int('instances', values.instances, 1, 2) as 1 | 2;
  if (values.db !== 'pglite' && values.db !== 'postgres') usage('--db must be pglite or postgres');
  const db = values.db as 'pglite' | 'postgres';
  if (values.baseline && values['no-baseline']) usage('--baseline and --no-baseline exclude each other');
  if (values.baseline && values.idle) usage('--baseline has nothing to measure with --idle');
  if (instances === 2 && db !== 'postgres') usage('--instances 2 needs --db postgres: embedded PGlite belongs to one process');
  if (values['remote-watchers'] && instances !== 2) usage('--remote-watchers needs --instances 2: the watchers listen on the instance that does not generate the reply');
  if (values['remote-watchers'] && (values.idle || values.baseline)) usage('--remote-watchers watches replies: it has nothing to watch with --idle or --baseline');
  const backendEnv: Record<string, string> = {};
  for (const pair of values['backend-env']) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(pair);
    if (!match) usage(`--backend-env wants KEY=VALUE with an upper-case KEY, not ${JSON.stringify(pair)}`);
    backendEnv[match[1]] = match[2];
  }
  return {
    visitors: int('visitors', values.visitors, 1, 100_000),
    rate: int('rate', values.rate, 1, 1000),
    duration: int('duration', values.duration, 1, 3600),
    ttft: int('ttft', values.ttft, 0, 60_000),
    replyChars: int('reply-chars', values['reply-chars'], 1, 100_000),
    instances,
    db,
    idle: values.idle,
    baselineOnly: values.baseline,
    noBaseline: values['no-baseline'] || values.idle,
    workers: int('workers', values.workers, 0, 64),
    connectConcurrency: int('connect-concurrency', values['connect-concurrency'], 1, 1000),
    json: values.json,
    profile: values.profile,
    backend: values.backend,
    redisUrl: values['redis-url'],
    postgresUrl: values['postgres-url'],
    quiet: values.quiet,
    backendEnv,
    remoteWatchers: values['remote-watchers'],
    knowledge: values.knowledge,
  };
}

function usage(message: string): never {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}
