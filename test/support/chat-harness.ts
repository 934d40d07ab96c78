import type { BotSettings } from '../../backend/src/bots/bot-settings';
import type { AzureOpenAISimulator } from '../../backend/src/llm/simulator';
import type { ReplyDeltaEvent, SessionPayload } from '../../backend/src/chat/widget.events';
import { createTestDatabase, TestDatabase } from './database';
import { BotFixture, createBot } from './fixtures';
import { startSimulator, startTestApp, TestApp } from './test-app';
import { connectVisitor, VisitorSocket } from './visitor';

export interface ChatHarness {
  database: TestDatabase;
  simulator: AzureOpenAISimulator;
  simulatorUrl: string;
  app: TestApp;
  fixture: BotFixture;
  /** A visitor of the fixture's bot from its allowed site; disconnected after each test. */
  visitor(opts?: { token?: string; locale?: string; identity?: unknown }): Promise<{ socket: VisitorSocket; session: SessionPayload; early: ReplyDeltaEvent[] }>;
}

/**
 * One test file's world: its own database, a simulator acting as Azure, the real app, and a
 * tenant with one bot. Registers the hooks that build and tear it down.
 */
export function chatHarness(opts: { env?: Record<string, string>; systemPrompt?: string; settings?: Partial<BotSettings>; engine?: 'pglite' } = {}): ChatHarness {
  const sockets: VisitorSocket[] = [];
  const h = {
    visitor: async ({ token, locale, identity }: { token?: string; locale?: string; identity?: unknown } = {}) => {
      const connected = await connectVisitor(h.app.url, { bot: h.fixture.bot.publicKey, visitor: token, locale, identity });
      sockets.push(connected.socket);
      return connected;
    },
  } as ChatHarness;

  beforeAll(async () => {
    h.database = await createTestDatabase({ engine: opts.engine });
    const sim = await startSimulator();
    h.simulator = sim.simulator;
    h.simulatorUrl = sim.url;
    h.app = await startTestApp({ database: h.database, simulatorUrl: sim.url, env: opts.env });
    h.fixture = await createBot(h.app.db, { systemPrompt: opts.systemPrompt, settings: opts.settings });
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  afterAll(async () => {
    await h.app?.close();
    await h.simulator?.stop();
    await h.database?.drop();
  });

  return h;
}
