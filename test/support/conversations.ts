import { randomUUID } from 'node:crypto';
import type { ReplyEndEvent } from '../../backend/src/chat/widget.events';
import { collectReply, connectVisitor, emitAck, VisitorSocket } from './visitor';

export interface Turn {
  messageId: string;
  replyId: string;
  end: ReplyEndEvent;
}

/**
 * A visitor of `bot` says each of `texts` through the real widget path and waits for each answer.
 * `beforeEnd` runs once a reply has started, e.g. to stop it. The socket stays open for feedback;
 * the caller disconnects it.
 */
export async function talk(
  url: string,
  bot: string,
  texts: string[],
  opts: { visitor?: string; beforeEnd?: (socket: VisitorSocket, replyId: string) => Promise<void> } = {},
): Promise<{ socket: VisitorSocket; conversationId: string; visitorToken: string; turns: Turn[] }> {
  const { socket, session } = await connectVisitor(url, { bot, visitor: opts.visitor });
  const turns: Turn[] = [];
  for (const text of texts) {
    let replyId: string | undefined;
    const done = collectReply(socket, () => replyId);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: randomUUID(), text });
    if (!ack.ok) throw new Error(`send failed: ${ack.error.code}`);
    replyId = ack.replyId;
    if (opts.beforeEnd) await opts.beforeEnd(socket, ack.replyId);
    turns.push({ messageId: ack.messageId, replyId: ack.replyId, end: (await done).end });
  }
  return { socket, conversationId: session.conversation.id, visitorToken: session.visitor, turns };
}

/** Runs one statement: a TypeORM DataSource's or a pg Client's `query`. */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown>;

export const SEED_PHRASES = [
  'How much water should I drink every day?',
  'I keep waking up at night, any tips for better sleep?',
  'Is running on a treadmill as good as running outside?',
  'What should I eat before a long walk?',
  'My back hurts after sitting all day at the office.',
  'Drink a glass of water when you wake up and keep a bottle nearby.',
  '我最近总是睡不好，晚上容易醒，怎么办？',
  '建议保持规律作息，睡前一小时不要看手机。',
  '每天应该喝多少水比较合适？',
  '久坐以后腰疼，可以做哪些拉伸运动？',
  'Stretch every hour and keep your screen at eye level.',
  'Vegetables, whole grains and enough protein make a balanced plate.',
];

/**
 * `count` conversations of one bot with `messagesPer` messages each (visitor and answer in turn),
 * inserted in SQL as the chat turn would leave them: counters set, answers with role version,
 * tokens and some feedback. `lastMessageAt` is an SQL expression of the conversation number `i`.
 */
export async function seedConversations(
  query: Query,
  opts: { tenantId: string; botId: string; count: number; messagesPer: number; lastMessageAt: string },
): Promise<void> {
  const { tenantId, botId, count, messagesPer } = opts;
  const visitors = Math.max(1, Math.floor(count / 4));
  await query(`INSERT INTO visitors (id, bot_id) SELECT md5($1::text || i)::uuid, $2::uuid FROM generate_series(1, $3::int) AS i`, [botId, botId, visitors]);
  await query(
    `INSERT INTO conversations (tenant_id, bot_id, visitor_id, created_at, last_message_at, message_count)
     SELECT $1::uuid, $2::uuid, md5($6::text || (1 + i % $3::int))::uuid, t - interval '10 minutes', t, $4::int
     FROM generate_series(1, $5::int) AS i, LATERAL (SELECT ${opts.lastMessageAt} AS t) AS at`,
    [tenantId, botId, visitors, messagesPer, count, botId],
  );
  await query(
    `INSERT INTO messages (conversation_id, role, text, status, client_id, role_version, prompt_tokens, completion_tokens, feedback, created_at)
     SELECT c.id, CASE WHEN j % 2 = 1 THEN 'user' ELSE 'assistant' END,
       (${sqlArray(SEED_PHRASES)})[1 + (h % ${SEED_PHRASES.length})] || ' ' || to_hex(h),
       CASE WHEN j % 2 = 0 AND h % 50 = 0 THEN 'stopped' ELSE 'complete' END,
       CASE WHEN j % 2 = 1 THEN 'seed-' || j END,
       CASE WHEN j % 2 = 0 THEN 1 END,
       CASE WHEN j % 2 = 0 THEN 100 + h % 400 END,
       CASE WHEN j % 2 = 0 THEN 20 + h % 200 END,
       CASE WHEN j % 2 = 0 AND h % 17 = 0 THEN 'up' WHEN j % 2 = 0 AND h % 29 = 0 THEN 'down' END,
       c.last_message_at - (${messagesPer} - j) * interval '1 second'
     FROM conversations c CROSS JOIN generate_series(1, $2::int) AS j
     CROSS JOIN LATERAL (SELECT abs(hashtext(c.id::text || j)) AS h) AS x
     WHERE c.bot_id = $1::uuid`,
    [botId, messagesPer],
  );
}

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;
