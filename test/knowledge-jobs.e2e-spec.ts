import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTenantWithStaff, signIn } from './support/accounts';
import { createTestDatabase, type TestDatabase } from './support/database';
import { createBot } from './support/fixtures';
import { startSimulator, startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/wait-until';
import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';

type Browser = Awaited<ReturnType<typeof signIn>>;

const DOC = '# Opening hours\n\nThe clinic opens at eight on weekdays and at nine on Saturdays.\n\n## Holidays\n\nClosed on public holidays.';

/**
 * Indexing as background jobs: a job cut short by a restart is picked up again by the next
 * instance; the model failing for good ends the source `failed` with the reason; the bot's
 * bounds refuse with a message that names them.
 */
describe('knowledge jobs: restarts, model failures, limits', () => {
  let database: TestDatabase;
  let sim: { simulator: AzureOpenAISimulator; url: string };
  let app: TestApp | undefined;
  let botId: string;
  let tenantId: string;
  let ownerEmail: string;

  const env = { JOBS_POLL_SECONDS: '0.5', UPSTREAM_MAX_RETRIES: '0', KNOWLEDGE_MAX_SOURCES: '6', KNOWLEDGE_MAX_CHUNKS: '12' };
  const start = async (endpoint = sim.url) => {
    app = await startTestApp({ database, simulatorUrl: endpoint, env });
    return signIn(app, ownerEmail);
  };
  const status = async (owner: Browser, id: string) => (await owner.get(`/api/bots/${botId}/knowledge/${id}`).expect(200)).body.source;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startSimulator();
    app = await startTestApp({ database, simulatorUrl: sim.url, env });
    const { tenant, bot } = await createBot(app.db);
    botId = bot.id;
    tenantId = tenant.id;
    const staff = await createTenantWithStaff(app.db);
    await app.db.query(`UPDATE users SET tenant_id = $1 WHERE id = $2`, [tenantId, staff.owner.id]);
    ownerEmail = staff.owner.email;
    await app.close();
    app = undefined;
  });

  afterEach(async () => {
    sim.simulator.clearFaults();
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await sim?.simulator.stop();
    await database?.drop();
  });

  it('resumes a job cut short by a restart on the next instance', async () => {
    // The first instance's model never answers its embeddings: the job is mid-way when it stops.
    const held: IncomingMessage[] = [];
    const hanging: Server = createServer((req) => held.push(req));
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    try {
      let owner = await start(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}`);
      const source = (await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'Hours', text: DOC }).expect(202)).body.source;
      await eventually('the job waiting on the model', async () => {
        expect(held.length).toBeGreaterThan(0);
        expect((await status(owner, source.id)).status).toBe('indexing');
      });
      await app!.close();
      app = undefined;
      owner = await start();
      const done = await eventually('indexed by the next instance', async () => {
        const s = await status(owner, source.id);
        expect(s.status).toBe('ready');
        return s;
      }, 30_000);
      expect(done.chunks).toBeGreaterThan(0);
      const { body } = await owner.post(`/api/bots/${botId}/knowledge/search`).send({ query: 'When do you open on Saturdays?' }).expect(200);
      expect(body.results[0].sourceId).toBe(source.id);
      // No chunks of the cut attempt are left beside the finished ones.
      const [{ generations }] = await app!.db.query(`SELECT count(DISTINCT generation)::int AS generations FROM knowledge_chunks WHERE source_id = $1`, [source.id]);
      expect(generations).toBe(1);
    } finally {
      held.forEach((r) => r.socket.destroy());
      await new Promise((r) => hanging.close(r));
    }
  });

  it('keeps answering from the previous chunks while a source is indexed again', async () => {
    let owner = await start();
    const source = (await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'Dentist hours', text: '# Dentist\n\nThe dentist sees patients on Tuesday afternoons.' }).expect(202)).body.source;
    await eventually('indexed', async () => expect((await status(owner, source.id)).status).toBe('ready'), 30_000);
    await app!.close();
    // The next instance's model hangs: the re-index cannot finish.
    const held: IncomingMessage[] = [];
    const hanging: Server = createServer((req) => held.push(req));
    await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
    try {
      owner = await start(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}`);
      await owner.post(`/api/bots/${botId}/knowledge/${source.id}/reindex`).expect(202);
      await eventually('re-indexing', async () => {
        expect(held.length).toBeGreaterThan(0);
        expect((await status(owner, source.id)).status).toBe('indexing');
      });
      const during = await status(owner, source.id);
      expect(during.chunks).toBe(1);
      // Words alone (the question cannot be embedded either), from the previous generation.
      const { body } = await owner.post(`/api/bots/${botId}/knowledge/search`).send({ query: 'dentist Tuesday' }).expect(200);
      expect(body.results.map((r: { sourceId: string }) => r.sourceId)).toContain(source.id);
    } finally {
      held.forEach((r) => r.socket.destroy());
      await app?.close();
      app = undefined;
      await new Promise((r) => hanging.close(r));
    }
  });

  it('fails the source with the reason when the model keeps refusing, and searches go on by words alone', async () => {
    const owner = await start();
    const hours = (await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'Weekend hours', text: DOC }).expect(202)).body.source;
    await eventually('indexed', async () => expect((await status(owner, hours.id)).status).toBe('ready'), 30_000);
    sim.simulator.injectEmbeddingFault({ kind: 'server_error', status: 500 }, 100);
    const source = (await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'Refused', text: '# Parking\n\nParking is free behind the building.' }).expect(202)).body.source;
    const failed = await eventually('failed after its tries', async () => {
      const s = await status(owner, source.id);
      expect(s.status).toBe('failed');
      return s;
    }, 60_000);
    expect(failed.error).toMatch(/^indexing failed: (unavailable|.*500)/);
    // The question cannot be embedded either: the search says so and still finds by words.
    const { body } = await owner.post(`/api/bots/${botId}/knowledge/search`).send({ query: 'open on Saturdays' }).expect(200);
    expect(body.lexicalOnly).toBe(true);
    expect(body.results[0].title).toMatch(/hours/i);
  });

  it('bounds a bot in sources and chunks, and says so', async () => {
    const owner = await start();
    const { body } = await owner.get(`/api/bots/${botId}/knowledge`).expect(200);
    expect(body.limits).toEqual({ maxSources: 6, maxFileBytes: 10 * 1024 * 1024, maxChunks: 12 });
    // A source that would take the bot past its chunks fails, naming the limit.
    const long = Array.from({ length: 30 }, (_, i) => `## Section ${i}\n\nParagraph number ${i} about the clinic's services.`).join('\n\n');
    const big = (await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'Too long', text: long }).expect(202)).body.source;
    const failed = await eventually('failed on the chunk limit', async () => {
      const s = await status(owner, big.id);
      expect(s.status).toBe('failed');
      return s;
    }, 30_000);
    expect(failed.error).toMatch(/may hold 12 chunks/);
    for (let count = (await owner.get(`/api/bots/${botId}/knowledge`)).body.sources.length; count < 6; count++) {
      // Sources of the earlier tests count too.
      await owner.post(`/api/bots/${botId}/knowledge`).send({ title: `Note ${count}`, text: 'A short note.' }).expect(202);
    }
    const refused = await owner.post(`/api/bots/${botId}/knowledge`).send({ title: 'One more', text: 'x' }).expect(409);
    expect(refused.body.message).toMatch(/6 sources/);
  });

  it('rate limits knowledge changes per user', async () => {
    app = await startTestApp({ database, simulatorUrl: sim.url, env: { ...env, KNOWLEDGE_MAX_SOURCES: '1000', RATE_USER_KNOWLEDGE_WRITES_PER_MINUTE: '2' } });
    const owner = await signIn(app, ownerEmail);
    const [source] = (await owner.get(`/api/bots/${botId}/knowledge`).expect(200)).body.sources;
    await owner.post(`/api/bots/${botId}/knowledge/${source.id}/reindex`).expect(202);
    await owner.post(`/api/bots/${botId}/knowledge/${source.id}/reindex`).expect(202);
    const res = await owner.post(`/api/bots/${botId}/knowledge/${source.id}/reindex`).expect(429);
    expect(res.body.message).toMatch(/at most 2 a minute/);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
