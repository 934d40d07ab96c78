import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createApp } from '../../backend/src/app.factory';
import { AppConfig } from '../../backend/src/config/app-config';
import { AzureOpenAISimulator } from '../../backend/src/llm/simulator';
import type { TestDatabase } from './database';

export const SIM_KEY = 'test-azure-key';
export const SIM_DEPLOYMENT = 'gpt-4o-test';
/** The embedding deployment the app asks for by default (AZURE_OPENAI_EMBEDDING_DEPLOYMENT). */
export const SIM_EMBEDDING_DEPLOYMENT = 'text-embedding-3-small';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  db: DataSource;
  close(): Promise<void>;
}

/**
 * The real app, listening on a loopback port, against the test file's `database`. By default it is pointed at
 * `simulator` as if it were a real Azure resource (endpoint, key, deployment); `demo: true`
 * starts it without Azure settings, so it runs its own simulator as `npm start` does.
 */
export async function startTestApp(opts: {
  database: TestDatabase;
  simulator?: AzureOpenAISimulator;
  simulatorUrl?: string;
  env?: Record<string, string>;
  demo?: boolean;
}): Promise<TestApp> {
  const env: Record<string, string> = {
    DATABASE_URL: opts.database.url,
    ...opts.database.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cc-e2e-')),
    APP_SECRET: 'e2e-secret-'.padEnd(40, 'x'),
    LOG_LEVEL: 'error',
    DEMO_TTFT_MS: '20',
    DEMO_TOKENS_PER_SECOND: '400',
    ...(opts.demo
      ? {}
      : {
          AZURE_OPENAI_ENDPOINT: opts.simulatorUrl!,
          AZURE_OPENAI_API_KEY: SIM_KEY,
          AZURE_OPENAI_DEPLOYMENT: SIM_DEPLOYMENT,
          AZURE_OPENAI_API_VERSION: '2024-10-21',
        }),
    ...opts.env,
  };
  const app = await createApp(AppConfig.fromEnv(env));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    db: app.get<DataSource>(getDataSourceToken()),
    close: () => app.close(),
  };
}

/** A simulator acting as the Azure resource of the tests, fast enough to keep them quick. */
export async function startSimulator(): Promise<{ simulator: AzureOpenAISimulator; url: string }> {
  const simulator = new AzureOpenAISimulator({ apiKey: SIM_KEY, deployments: [SIM_DEPLOYMENT, SIM_EMBEDDING_DEPLOYMENT], ttftMs: 10, tokensPerSecond: 500 });
  return { simulator, url: await simulator.start() };
}
