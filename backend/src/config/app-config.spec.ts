import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, InvalidEnvironmentError } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'cc-config-'));

describe('AppConfig', () => {
  it('gives working defaults with an empty environment (demo mode, embedded database)', () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.demoMode).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.appSecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the generated secret across starts', () => {
    const dir = dataDir();
    expect(AppConfig.fromEnv({ DATA_DIR: dir }).appSecret).toBe(AppConfig.fromEnv({ DATA_DIR: dir }).appSecret);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'production' }, 'APP_SECRET'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_AUTH: 'key' }, 'AZURE_OPENAI_API_KEY: is required when AZURE_OPENAI_AUTH=key'],
    [{ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com', AZURE_OPENAI_API_KEY: 'k', AZURE_OPENAI_AUTH: 'entra' }, 'AZURE_OPENAI_AUTH'],
    [{ AZURE_OPENAI_AUTH: 'cert' }, 'AZURE_OPENAI_AUTH'],
    [{ LLM_PROVIDER: 'anthropic' }, 'LLM_PROVIDER'],
    [{ LLM_PROVIDER: 'azure' }, 'AZURE_OPENAI_ENDPOINT: is required when LLM_PROVIDER=azure'],
    [{ LLM_PROVIDER: 'openai' }, 'OPENAI_API_KEY'],
    [{ LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'ftp://x' }, 'OPENAI_BASE_URL'],
    [{ ADMIN_EMAIL: 'a@b.co' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@b.co', ADMIN_PASSWORD: 'nine-char' }, 'ADMIN_PASSWORD: must be at least 10 characters'],
    [{ AZURE_OPENAI_API_VERSION: 'latest' }, 'AZURE_OPENAI_API_VERSION'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY'],
    [{ RATE_VISITOR_MESSAGES_PER_MINUTE: '-1' }, 'RATE_VISITOR_MESSAGES_PER_MINUTE'],
    [{ BUDGET_BOT_DAILY_TOKENS: '1.5' }, 'BUDGET_BOT_DAILY_TOKENS'],
    [{ REDIS_KEY_PREFIX: 'a b' }, 'REDIS_KEY_PREFIX'],
  ])('rejects %p naming %s', (env, name) => {
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), ...env })).toThrow(InvalidEnvironmentError);
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), ...env })).toThrow(name);
  });

  it.each([
    [undefined, 'log'],
    ['info', 'log'],
    ['log', 'log'],
    ['warn', 'warn'],
  ])('reads LOG_LEVEL=%s as Nest level %s (info is what people type; log its alias)', (value, level) => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir(), LOG_LEVEL: value }).logLevel).toBe(level);
  });

  it('switches to Azure when an endpoint and key are set', () => {
    const config = AppConfig.fromEnv({
      DATA_DIR: dataDir(),
      AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/',
      AZURE_OPENAI_API_KEY: 'k',
      AZURE_OPENAI_DEPLOYMENT: 'prod-4o',
    });
    expect(config.demoMode).toBe(false);
    expect(config.llmProvider).toBe('azure');
    expect(config.azure).toMatchObject({ endpoint: 'https://x.openai.azure.com/', auth: 'key', deployment: 'prod-4o', apiVersion: '2024-10-21', embeddingDeployment: 'text-embedding-3-small' });
  });

  it('uses Microsoft Entra ID for Azure when no key is set', () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir(), AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/' });
    expect(config.llmProvider).toBe('azure');
    expect(config.azure.auth).toBe('entra');
  });

  it.each([
    [{ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk' }, 'openai'],
    [{ OPENAI_API_KEY: 'sk' }, 'openai'],
    [{ OPENAI_BASE_URL: 'http://localhost:11434/v1' }, 'openai'],
    [{ OPENAI_API_KEY: 'sk', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_API_KEY: 'k' }, 'azure'],
    [{ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'sk', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_API_KEY: 'k' }, 'openai'],
    [{}, 'demo'],
  ])('picks the provider from %p: %s', (env, provider) => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir(), ...env }).llmProvider).toBe(provider);
  });

  it('reads the OpenAI settings, the base URL without its trailing slash', () => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir(), LLM_PROVIDER: 'openai', OPENAI_BASE_URL: 'https://api.deepseek.com/v1/', OPENAI_API_KEY: 'sk', OPENAI_MODEL: 'deepseek-chat' });
    expect(config.openai).toEqual({ apiKey: 'sk', baseUrl: 'https://api.deepseek.com/v1', model: 'deepseek-chat', embeddingModel: 'text-embedding-3-small' });
    expect(config.demoMode).toBe(false);
  });

  it('has limits by default, each settable, 0 meaning none', () => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir() }).limits).toEqual({
      visitorMessagesPerMinute: 12,
      botMessagesPerMinute: 600,
      ipConnectionsPerMinute: 60,
      ipNewVisitorsPerHour: 100,
      visitorNewConversationsPerMinute: 10,
      visitorConversationReadsPerMinute: 30,
      conversationTokenBudget: 50_000,
      dailyTokenBudget: 2_000_000,
      monthlyTokenBudget: 40_000_000,
    });
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir(), RATE_IP_CONNECTIONS_PER_MINUTE: '0', BUDGET_BOT_MONTHLY_TOKENS: '7' });
    expect(config.limits).toMatchObject({ ipConnectionsPerMinute: 0, monthlyTokenBudget: 7 });
  });

  it.each([
    [undefined, 0],
    ['false', 0],
    ['2', 2],
    ['true', Infinity],
  ])('reads TRUST_PROXY=%s as %s proxies', (value, hops) => {
    expect(AppConfig.fromEnv({ DATA_DIR: dataDir(), TRUST_PROXY: value }).trustProxy).toBe(hops);
  });
});
