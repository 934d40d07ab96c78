import { Client } from 'pg';
import { decodeCursor } from '../backend/src/conversations/conversation-cursor';
import { exportConversationsQuery, exportMessagesQuery, listQuery, SqlQuery } from '../backend/src/conversations/conversation.sql';
import type { ConversationFilters } from '../backend/src/conversations/dto/conversation-query.dto';
import { createTestDatabase, TestDatabase } from './support/database';
import { seedConversations } from './support/conversations';

/**
 * The staff list, its search and the export must stay on indexes at a realistic volume: one
 * tenant with 20,000 conversations and 200,000 messages among others. The SQL is the API's own
 * (conversation.sql.ts); only PostgreSQL's planner is meaningful here.
 */
const onPostgres = !!process.env.DATABASE_URL;
if (!onPostgres) console.warn('[conversation-plans] SKIPPED: query plans are only checked against PostgreSQL; set DATABASE_URL.');

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

(onPostgres ? describe : describe.skip)('query plans at volume (PostgreSQL)', () => {
  let database: TestDatabase;
  let client: Client;
  let tenantId: string;
  let botId: string;
  const timings: Record<string, string> = {};

  const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[label] = `${Math.round(performance.now() - started)} ms`;
    }
  };
  const sql = (text: string, values?: unknown[]) => client.query(text, values).then((r) => r.rows);

  /** The plan's nodes, after running it (EXPLAIN ANALYZE) to record how long it took. */
  const explain = async (label: string, query: SqlQuery): Promise<PlanNode[]> => {
    const [row] = await sql(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.text}`, query.values);
    const [result] = row['QUERY PLAN'] as [{ Plan: PlanNode; 'Execution Time': number }];
    timings[label] = `${result['Execution Time'].toFixed(1)} ms`;
    return nodes(result.Plan);
  };
  const expectNoSeqScan = (plan: PlanNode[]) => {
    const seq = plan.filter((n) => n['Node Type'] === 'Seq Scan' && ['messages', 'conversations'].includes(n['Relation Name'] ?? ''));
    expect(seq.map((n) => n['Relation Name'])).toEqual([]);
  };
  const indexesUsed = (plan: PlanNode[]) => new Set(plan.map((n) => n['Index Name']).filter(Boolean));
  const list = (filters: ConversationFilters, cursor?: string) => listQuery(tenantId, filters, cursor ? decodeCursor(cursor)! : undefined, 21);

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const tenant = async (name: string) => (await sql(`INSERT INTO tenants (name) VALUES ($1) RETURNING id`, [name]))[0].id as string;
    const bot = async (tenant: string, key: string) =>
      (await sql(`INSERT INTO bots (tenant_id, name, public_key) VALUES ($1, $2, $2) RETURNING id`, [tenant, key]))[0].id as string;
    await time('seed', async () => {
      tenantId = await tenant('Big clinic');
      botId = await bot(tenantId, 'big-main');
      const spread = (minutes: number) => `now() - (i * interval '${minutes} minutes')`;
      await seedConversations(sql, { tenantId, botId, count: 15_000, messagesPer: 10, lastMessageAt: spread(6) });
      await seedConversations(sql, { tenantId, botId: await bot(tenantId, 'big-second'), count: 5_000, messagesPer: 10, lastMessageAt: spread(17) });
      for (const n of [1, 2]) {
        const other = await tenant(`Other ${n}`);
        await seedConversations(sql, { tenantId: other, botId: await bot(other, `other-${n}`), count: 5_000, messagesPer: 10, lastMessageAt: spread(9 + n) });
      }
      // A few rare words to search for, in the big tenant and elsewhere.
      await sql(`UPDATE messages SET text = text || ' zebracorn 失眠症' WHERE id IN (SELECT id FROM messages ORDER BY md5(id::text) LIMIT 12)`);
      await sql(`UPDATE conversations SET tags = '{vip}' WHERE id IN (SELECT id FROM conversations WHERE tenant_id = $1 ORDER BY md5(id::text) LIMIT 40)`, [tenantId]);
    });
    await time('analyze', () => sql('ANALYZE'));
    const [{ conversations, messages }] = await sql(
      `SELECT (SELECT count(*) FROM conversations WHERE tenant_id = $1)::int AS conversations,
         (SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.tenant_id = $1)::int AS messages`,
      [tenantId],
    );
    expect([conversations, messages]).toEqual([20_000, 200_000]);
  }, 120_000);

  afterAll(async () => {
    console.log(`[conversation-plans] timings: ${JSON.stringify(timings, null, 1)}`);
    await client?.end();
    await database?.drop();
  });

  it('lists the newest page, and a later page, from the activity index', async () => {
    const first = await explain('list: first page', list({}));
    expectNoSeqScan(first);
    expect(indexesUsed(first)).toContain('conversations_tenant_activity_idx');
    const [{ at, id }] = await sql(
      `SELECT to_char(last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, id FROM conversations
       WHERE tenant_id = $1 ORDER BY last_message_at DESC, id DESC OFFSET 10000 LIMIT 1`,
      [tenantId],
    );
    const later = await explain('list: page after 10,000 rows', listQuery(tenantId, {}, { at, id }, 21));
    expectNoSeqScan(later);
    expect(indexesUsed(later)).toContain('conversations_tenant_activity_idx');
  });

  it('searches text through the trigram index', async () => {
    const plan = await explain('list: q=zebracorn', list({ q: 'zebracorn' }));
    expectNoSeqScan(plan);
    expect(indexesUsed(plan)).toContain('messages_text_trgm_idx');
    const zh = await explain('list: q=失眠症', list({ q: '失眠症' }));
    expectNoSeqScan(zh);
    expect(indexesUsed(zh)).toContain('messages_text_trgm_idx');
  });

  it('filters by bot, tag, status and rating without reading whole tables', async () => {
    const byBot = await explain('list: bot', list({ bot: botId }));
    // The planner may walk the bot's or the tenant's activity index (both bounded); either way an index.
    expect([...indexesUsed(byBot)].some((name) => /^conversations_(bot|tenant)_activity_idx$/.test(name ?? ""))).toBe(true);
    const byTag = await explain('list: tag', list({ tag: 'vip' }));
    for (const plan of [byBot, byTag, await explain('list: status=stopped', list({ status: 'stopped' })), await explain('list: rating=down', list({ rating: 'down' }))]) {
      expectNoSeqScan(plan);
    }
  });

  it('exports a page of conversations and a batch of their messages from indexes', async () => {
    const pageQuery = exportConversationsQuery(tenantId, {}, undefined, 200);
    expectNoSeqScan(await explain('export: conversation page', pageQuery));
    const ids = (await sql(pageQuery.text, pageQuery.values)).map((r) => r.id as string);
    const batch = await explain('export: message batch', exportMessagesQuery(ids, undefined, 1000));
    expectNoSeqScan(batch);
    expect(indexesUsed(batch)).toContain('messages_conversation_created_idx');
    const [key] = await sql(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM messages WHERE conversation_id = $1 ORDER BY created_at, id LIMIT 1`,
      [ids[100]],
    );
    const next = await explain('export: next message batch', exportMessagesQuery(ids, { ord: 101, at: key.at, id: key.id }, 1000));
    expectNoSeqScan(next);
  });
});
