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
    [{ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com' }, 'AZURE_OPENAI_API_KEY'],
    [{ ADMIN_EMAIL: 'a@b.co' }, 'ADMIN_PASSWORD'],
    [{ AZURE_OPENAI_API_VERSION: 'latest' }, 'AZURE_OPENAI_API_VERSION'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ])('rejects %p naming %s', (env, name) => {
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), ...env })).toThrow(InvalidEnvironmentError);
    expect(() => AppConfig.fromEnv({ DATA_DIR: dataDir(), ...env })).toThrow(name);
  });

  it('switches to Azure when an endpoint and key are set', () => {
    const config = AppConfig.fromEnv({
      DATA_DIR: dataDir(),
      AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/',
      AZURE_OPENAI_API_KEY: 'k',
      AZURE_OPENAI_DEPLOYMENT: 'prod-4o',
    });
    expect(config.demoMode).toBe(false);
    expect(config.azure).toMatchObject({ endpoint: 'https://x.openai.azure.com/', deployment: 'prod-4o', apiVersion: '2024-10-21' });
  });
});
