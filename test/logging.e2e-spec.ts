import request from 'supertest';
import { AppConfig } from '../backend/src/config/app-config';
import { createAppLogger } from '../backend/src/logging/app-logger';
import { chatHarness } from './support/chat-harness';
import { collectReply, emitAck } from './support/visitor';

/** Every line the app writes to stdout/stderr while `work` runs, parsed as JSON. */
async function captureLogs(work: () => Promise<void>): Promise<Array<Record<string, unknown>>> {
  const lines: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof stream.write));
  try {
    await work();
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`a log line is not JSON: ${line}`);
    }
  });
}

describe('structured logs', () => {
  const h = chatHarness({ env: { LOG_LEVEL: 'debug', LOG_FORMAT: 'json' } });

  it('gives every request an id, echoes it, and logs the path without the query', async () => {
    let echoed = '';
    const logs = await captureLogs(async () => {
      const res = await request(h.app.app.getHttpServer()).get('/api/conversations?q=PRIVATE-SEARCH-TERM').set('X-Request-Id', 'proxy-req-12345').expect(401);
      echoed = String(res.headers['x-request-id']);
    });
    expect(echoed).toBe('proxy-req-12345');
    const line = logs.find((l) => l.requestId === 'proxy-req-12345');
    expect(line).toMatchObject({ level: 'debug', context: 'Http', method: 'GET', path: '/api/conversations', status: 401 });
    expect(JSON.stringify(logs)).not.toContain('PRIVATE-SEARCH-TERM');

    const fresh = await request(h.app.app.getHttpServer()).get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a failed reply with its conversation id and never the words of the conversation', async () => {
    const marker = 'MARKER-e7d1 my private symptoms';
    let conversationId = '';
    const logs = await captureLogs(async () => {
      const { socket, session } = await h.visitor();
      conversationId = session.conversation.id;
      h.simulator.configure({ reply: () => 'REPLY-WORDS-5c2a should stay out of logs' });
      h.simulator.injectFault({ kind: 'drop', afterPieces: 2 });
      const done = collectReply(socket);
      await emitAck(socket, 'message:send', { clientId: 'log-1', text: marker });
      expect((await done).end.status).toBe('failed');
    });
    h.simulator.configure({ reply: undefined });
    const aboveDebug = logs.filter((l) => !['debug', 'verbose'].includes(String(l.level)));
    const failure = aboveDebug.find((l) => JSON.stringify(l).includes(conversationId));
    expect(failure).toMatchObject({ level: 'warn', context: 'Reply' });
    for (const line of logs) {
      expect(typeof line.timestamp === 'string' || typeof line.timestamp === 'number').toBe(true);
      expect(JSON.stringify(line)).not.toContain('MARKER-e7d1');
      expect(JSON.stringify(line)).not.toContain('REPLY-WORDS-5c2a');
    }
  });

  it('redacts credentials and text passed as structured params', async () => {
    const logger = createAppLogger(AppConfig.fromEnv({ APP_SECRET: 'x'.repeat(40), LOG_FORMAT: 'json', DATA_DIR: '/tmp' }));
    const logs = await captureLogs(async () => {
      logger.warn('upstream refused', { conversationId: 'c-1', apiKey: 'sk-LEAK', request: { messages: [{ role: 'user', content: 'SYMPTOMS' }], text: 'SAID' } }, 'Test');
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'warn', context: 'Test', conversationId: 'c-1', message: 'upstream refused' });
    expect(JSON.stringify(logs[0])).not.toMatch(/sk-LEAK|SYMPTOMS|SAID/);
  });
});

