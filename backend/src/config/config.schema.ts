import { z } from 'zod';
import { passwordRule } from '../users/password-rule';

const port = z.coerce.number().int().min(0).max(65535);
const count = (max: number, fallback: number) => z.coerce.number().int().min(0).max(max).default(fallback);
const url = (protocols: string[]) =>
  z.string().url().refine((v) => protocols.some((p) => v.startsWith(p + '://')), {
    message: `must start with ${protocols.map((p) => p + '://').join(' or ')}`,
  });

/** Every environment variable the product reads (PROTOCOL §1). Unknown variables are ignored. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http', 'https']).optional(),
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Connections to DATABASE_URL. 1 for a PGlite socket server, which is single-session underneath. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: url(['redis', 'rediss']).optional(),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `azure` or `openai`; unset: `azure` when AZURE_OPENAI_ENDPOINT is set, `openai` when OPENAI_API_KEY or OPENAI_BASE_URL is, else demo mode. */
  LLM_PROVIDER: z.enum(['azure', 'openai']).optional(),
  AZURE_OPENAI_ENDPOINT: url(['http', 'https']).optional(),
  AZURE_OPENAI_API_KEY: z.string().min(1).optional(),
  /** `key` (AZURE_OPENAI_API_KEY) or `entra` (Microsoft Entra ID); unset: `key` when a key is set, else `entra`. */
  AZURE_OPENAI_AUTH: z.enum(['key', 'entra']).optional(),
  AZURE_OPENAI_API_VERSION: z.string().regex(/^\d{4}-\d{2}-\d{2}(-preview)?$/, 'must look like 2024-10-21').default('2024-10-21'),
  AZURE_OPENAI_DEPLOYMENT: z.string().min(1).default('gpt-4o'),
  AZURE_OPENAI_EMBEDDING_DEPLOYMENT: z.string().min(1).default('text-embedding-3-small'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  /** Any OpenAI-compatible server's base URL (…/v1); the default is OpenAI's own. */
  OPENAI_BASE_URL: url(['http', 'https']).optional(),
  OPENAI_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).max(200).default('text-embedding-3-small'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: passwordRule.optional(),
  /** `info` is what most people type; Nest calls that level `log`, accepted as an alias. */
  LOG_LEVEL: z
    .enum(['error', 'warn', 'info', 'log', 'debug', 'verbose'])
    .default('info')
    .transform((v) => (v === 'info' ? 'log' : v)),
  /** Lets owners point a bot at loopback, private, link-local or metadata addresses (development, a model server on the same network). */
  ALLOW_PRIVATE_ENDPOINTS: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** When set, `GET /metrics` needs `Authorization: Bearer <METRICS_TOKEN>`; unset, it is open (keep it off the public internet). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** `json`: one JSON object per line (for log collectors); `text`: Nest's coloured lines. Default: text on a terminal, else json. */
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  /** Simulator pacing in demo mode; tests turn these down. */
  DEMO_TTFT_MS: z.coerce.number().int().min(0).default(300),
  DEMO_TOKENS_PER_SECOND: z.coerce.number().positive().default(30),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
  // The one retry layer in front of Azure OpenAI, and its circuit breaker (llm/resilient-llm.client.ts).
  UPSTREAM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  UPSTREAM_RETRY_BUDGET_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  UPSTREAM_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).max(10_000).default(250),
  UPSTREAM_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(5),
  UPSTREAM_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Proxies in front of the app whose X-Forwarded-For is believed: a count, `true` (all) or `false`. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, 'must be true, false or the number of proxies in front of the app')
    .default('false')
    .transform((v) => (v === 'true' ? Infinity : v === 'false' ? 0 : Number(v))),
  /** Prefix of this installation's keys in Redis, so installations (or test runs) can share one. */
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{0,64}$/, 'letters, digits and _ : . - only').default('customchat:'),
  // Installation-wide limits (docs/configuration.md); a bot's settings may override the per-bot ones.
  RATE_VISITOR_MESSAGES_PER_MINUTE: count(10_000, 12),
  RATE_BOT_MESSAGES_PER_MINUTE: count(1_000_000, 600),
  RATE_IP_CONNECTIONS_PER_MINUTE: count(1_000_000, 60),
  RATE_IP_NEW_VISITORS_PER_HOUR: count(1_000_000, 100),
  RATE_VISITOR_NEW_CONVERSATIONS_PER_MINUTE: count(10_000, 10),
  RATE_VISITOR_CONVERSATION_READS_PER_MINUTE: count(10_000, 30),
  BUDGET_CONVERSATION_TOKENS: count(100_000_000, 50_000),
  BUDGET_BOT_DAILY_TOKENS: count(1_000_000_000_000, 2_000_000),
  BUDGET_BOT_MONTHLY_TOKENS: count(1_000_000_000_000, 40_000_000),
  // Staff limits (docs/configuration.md): the console's preview, sign-in and password change.
  RATE_USER_PREVIEWS_PER_MINUTE: count(10_000, 10),
  RATE_BOT_PREVIEWS_PER_MINUTE: count(100_000, 30),
  RATE_IP_LOGINS_PER_MINUTE: count(100_000, 30),
  RATE_PASSWORD_ATTEMPTS_PER_15_MINUTES: count(10_000, 5),
  RATE_USER_STAFF_ACTIONS_PER_MINUTE: count(100_000, 120),
  RATE_VISITOR_OFFLINE_MESSAGES_PER_HOUR: count(10_000, 5),
  // Knowledge (docs/configuration.md): per-bot bounds, the crawler's bounds, the background jobs.
  KNOWLEDGE_MAX_SOURCES: count(100_000, 200),
  KNOWLEDGE_MAX_FILE_MB: z.coerce.number().positive().max(200).default(10),
  KNOWLEDGE_MAX_CHUNKS: count(10_000_000, 20_000),
  KNOWLEDGE_CRAWL_MAX_PAGES: count(1000, 30),
  KNOWLEDGE_CRAWL_MAX_DEPTH: count(10, 2),
  RATE_USER_KNOWLEDGE_WRITES_PER_MINUTE: count(10_000, 30),
  RATE_USER_KNOWLEDGE_SEARCHES_PER_MINUTE: count(10_000, 60),
  /** How often an idle instance looks for background jobs (s); a job sent by this instance starts at once. */
  JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /** A job running longer than this (s) is taken to have died with its instance and runs again. */
  JOBS_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && !env.APP_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'is required when NODE_ENV=production' });
  }
  if (env.LLM_PROVIDER === 'azure' && !env.AZURE_OPENAI_ENDPOINT) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_ENDPOINT'], message: 'is required when LLM_PROVIDER=azure' });
  }
  if (env.AZURE_OPENAI_AUTH === 'key' && env.AZURE_OPENAI_ENDPOINT && !env.AZURE_OPENAI_API_KEY) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_API_KEY'], message: 'is required when AZURE_OPENAI_AUTH=key' });
  }
  if (env.AZURE_OPENAI_AUTH === 'entra' && env.AZURE_OPENAI_API_KEY) {
    ctx.addIssue({ code: 'custom', path: ['AZURE_OPENAI_AUTH'], message: 'entra cannot be combined with AZURE_OPENAI_API_KEY; unset one' });
  }
  if (env.LLM_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: "is required when LLM_PROVIDER=openai talks to OpenAI's own API (no OPENAI_BASE_URL)" });
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    ctx.addIssue({ code: 'custom', path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together' });
  }
});

export type Env = z.infer<typeof envSchema>;
