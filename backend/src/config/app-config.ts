import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Env, envSchema } from './config.schema';

export class InvalidEnvironmentError extends Error {}

/**
 * Installation-wide limits; 0 means no limit. Each per-bot one is a ceiling: a bot may set a lower
 * value, never a higher one nor none, unless the installation itself sets none (limits/limit-settings.ts).
 */
export interface LimitDefaults {
  visitorMessagesPerMinute: number;
  botMessagesPerMinute: number;
  ipConnectionsPerMinute: number;
  ipNewVisitorsPerHour: number;
  visitorNewConversationsPerMinute: number;
  /** `conversations:list` and `conversation:open` per visitor per minute. Not per bot. */
  visitorConversationReadsPerMinute: number;
  conversationTokenBudget: number;
  dailyTokenBudget: number;
  monthlyTokenBudget: number;
}

/** Limits on the console's staff (limits/staff-limits.service.ts); 0 means no limit. Not per bot. */
export interface StaffLimitSettings {
  /** Previews one user may run per minute, whichever bots. */
  userPreviewsPerMinute: number;
  /** Previews of one bot per minute, whoever runs them. */
  botPreviewsPerMinute: number;
  /** Sign-in attempts from one address per minute, whatever the email (password spraying). */
  ipLoginsPerMinute: number;
  /** Password changes (each a guess of the current password) per 15 minutes, per user and per address. */
  passwordAttemptsPer15Minutes: number;
  /** Inbox actions (claim, reply, release, close) per staff member per minute. */
  actionsPerMinute: number;
  /** Offline messages one visitor may leave per hour. */
  offlineMessagesPerHour: number;
}

/** The typed configuration handed to the rest of the app. Nothing else reads process.env. */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly port: number;
  readonly publicUrl?: string;
  readonly databaseUrl?: string;
  readonly databasePoolSize: number;
  readonly dataDir: string;
  readonly redisUrl?: string;
  readonly redisKeyPrefix: string;
  /** How many proxies' X-Forwarded-For entries to believe (Infinity: all); 0 uses the peer address. */
  readonly trustProxy: number;
  readonly limits: LimitDefaults;
  readonly staffLimits: StaffLimitSettings;
  readonly appSecret: string;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Bearer token `GET /metrics` asks for; undefined leaves it open. */
  readonly metricsToken?: string;
  /** Owners may set model endpoints on private addresses (outbound guard); operator-set endpoints are always trusted. */
  readonly allowPrivateEndpoints: boolean;
  readonly logFormat: 'json' | 'text';
  readonly admin?: { email: string; password: string };
  readonly shutdownGraceMs: number;
  /** Retries and circuit breaker in front of the model (llm/resilient-llm.client.ts). */
  readonly upstream: { maxRetries: number; budgetMs: number; baseDelayMs: number; breakerThreshold: number; breakerCooldownMs: number };
  /** The installation's model provider; `demo`: none is configured, the built-in simulator answers. */
  readonly llmProvider: 'azure' | 'openai' | 'demo';
  /** Azure OpenAI settings (also the defaults of bots' own Azure resources); `auth: 'entra'` uses Microsoft Entra ID tokens. */
  readonly azure: { endpoint?: string; apiKey?: string; auth: 'key' | 'entra'; apiVersion: string; deployment: string; embeddingDeployment: string };
  /** OpenAI or an OpenAI-compatible server (also the defaults of bots' own OpenAI-compatible accounts). */
  readonly openai: { apiKey?: string; baseUrl: string; model: string; embeddingModel: string };
  readonly demo: { ttftMs: number; tokensPerSecond: number };
  /** Knowledge bounds (per bot) and the crawler's. */
  readonly knowledge: { maxSources: number; maxFileBytes: number; maxChunks: number; crawlMaxPages: number; crawlMaxDepth: number; writesPerMinute: number; searchesPerMinute: number };
  /** The background queue (jobs/). */
  readonly jobs: { pollSeconds: number; expireSeconds: number };

  constructor(env: Env) {
    this.nodeEnv = env.NODE_ENV;
    this.port = env.PORT;
    this.publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
    this.databaseUrl = env.DATABASE_URL;
    this.databasePoolSize = env.DATABASE_POOL_SIZE;
    this.dataDir = resolve(env.DATA_DIR);
    this.redisUrl = env.REDIS_URL;
    this.redisKeyPrefix = env.REDIS_KEY_PREFIX;
    this.trustProxy = env.TRUST_PROXY;
    this.limits = {
      visitorMessagesPerMinute: env.RATE_VISITOR_MESSAGES_PER_MINUTE,
      botMessagesPerMinute: env.RATE_BOT_MESSAGES_PER_MINUTE,
      ipConnectionsPerMinute: env.RATE_IP_CONNECTIONS_PER_MINUTE,
      ipNewVisitorsPerHour: env.RATE_IP_NEW_VISITORS_PER_HOUR,
      visitorNewConversationsPerMinute: env.RATE_VISITOR_NEW_CONVERSATIONS_PER_MINUTE,
      visitorConversationReadsPerMinute: env.RATE_VISITOR_CONVERSATION_READS_PER_MINUTE,
      conversationTokenBudget: env.BUDGET_CONVERSATION_TOKENS,
      dailyTokenBudget: env.BUDGET_BOT_DAILY_TOKENS,
      monthlyTokenBudget: env.BUDGET_BOT_MONTHLY_TOKENS,
    };
    this.staffLimits = {
      userPreviewsPerMinute: env.RATE_USER_PREVIEWS_PER_MINUTE,
      botPreviewsPerMinute: env.RATE_BOT_PREVIEWS_PER_MINUTE,
      ipLoginsPerMinute: env.RATE_IP_LOGINS_PER_MINUTE,
      passwordAttemptsPer15Minutes: env.RATE_PASSWORD_ATTEMPTS_PER_15_MINUTES,
      actionsPerMinute: env.RATE_USER_STAFF_ACTIONS_PER_MINUTE,
      offlineMessagesPerHour: env.RATE_VISITOR_OFFLINE_MESSAGES_PER_HOUR,
    };
    this.appSecret = env.APP_SECRET ?? loadOrCreateSecret(this.dataDir);
    this.logLevel = env.LOG_LEVEL;
    this.metricsToken = env.METRICS_TOKEN;
    this.allowPrivateEndpoints = env.ALLOW_PRIVATE_ENDPOINTS;
    this.logFormat = env.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json');
    this.admin = env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL.toLowerCase(), password: env.ADMIN_PASSWORD } : undefined;
    this.shutdownGraceMs = env.SHUTDOWN_GRACE_MS;
    this.knowledge = {
      maxSources: env.KNOWLEDGE_MAX_SOURCES,
      maxFileBytes: Math.round(env.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024),
      maxChunks: env.KNOWLEDGE_MAX_CHUNKS,
      crawlMaxPages: env.KNOWLEDGE_CRAWL_MAX_PAGES,
      crawlMaxDepth: env.KNOWLEDGE_CRAWL_MAX_DEPTH,
      writesPerMinute: env.RATE_USER_KNOWLEDGE_WRITES_PER_MINUTE,
      searchesPerMinute: env.RATE_USER_KNOWLEDGE_SEARCHES_PER_MINUTE,
    };
    this.jobs = { pollSeconds: env.JOBS_POLL_SECONDS, expireSeconds: env.JOBS_EXPIRE_SECONDS };
    this.upstream = {
      maxRetries: env.UPSTREAM_MAX_RETRIES,
      budgetMs: env.UPSTREAM_RETRY_BUDGET_MS,
      baseDelayMs: env.UPSTREAM_RETRY_BASE_DELAY_MS,
      breakerThreshold: env.UPSTREAM_BREAKER_THRESHOLD,
      breakerCooldownMs: env.UPSTREAM_BREAKER_COOLDOWN_MS,
    };
    this.llmProvider =
      env.LLM_PROVIDER ?? (env.AZURE_OPENAI_ENDPOINT ? 'azure' : env.OPENAI_API_KEY || env.OPENAI_BASE_URL ? 'openai' : 'demo');
    this.azure = {
      endpoint: env.AZURE_OPENAI_ENDPOINT,
      apiKey: env.AZURE_OPENAI_API_KEY,
      auth: env.AZURE_OPENAI_AUTH ?? (env.AZURE_OPENAI_API_KEY ? 'key' : 'entra'),
      apiVersion: env.AZURE_OPENAI_API_VERSION,
      deployment: env.AZURE_OPENAI_DEPLOYMENT,
      embeddingDeployment: env.AZURE_OPENAI_EMBEDDING_DEPLOYMENT,
    };
    this.openai = {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: (env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
      model: env.OPENAI_MODEL,
      embeddingModel: env.OPENAI_EMBEDDING_MODEL,
    };
    this.demo = { ttftMs: env.DEMO_TTFT_MS, tokensPerSecond: env.DEMO_TOKENS_PER_SECOND };
  }

  /** No provider is configured: the built-in simulator answers (as the installation's Azure). */
  get demoMode(): boolean {
    return this.llmProvider === 'demo';
  }

  /** Parses the environment; a bad value throws an error naming every bad variable. */
  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = envSchema.safeParse(cleaned);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
      throw new InvalidEnvironmentError(`Invalid environment variables:\n${lines.join('\n')}`);
    }
    return new AppConfig(parsed.data);
  }
}

/** Outside production the secret is generated once and kept in DATA_DIR, so sessions survive restarts. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
