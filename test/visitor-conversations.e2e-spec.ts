import { randomUUID } from 'node:crypto';
import type { WireConversation, WireConversationSummary } from '../backend/src/chat/widget.events';
import { chatHarness } from './support/chat-harness';
import { createBot } from './support/fixtures';
import { turn } from './support/reply-turn';
import { connectVisitor, emitAck, type VisitorSocket } from './support/visitor';

/** Reads allowed per visitor per minute in this file (the rate test goes past it). */
const READS_PER_MINUTE = 8;

type List = { conversations: WireConversationSummary[] };
type Opened = { conversation: WireConversation };

/**
 * Issue 16 item 5: a visitor lists their own earlier conversations (`conversations:list`) and goes
 * back to one (`conversation:open`); nobody else's is listed or opened.
 */
describe('a visitor’s earlier conversations', () => {
  const h = chatHarness({ env: { RATE_VISITOR_CONVERSATION_READS_PER_MINUTE: String(READS_PER_MINUTE) } });

  const list = async (socket: VisitorSocket) => {
    const ack = await emitAck<List>(socket, 'conversations:list', {});
    if (!ack.ok) throw new Error(`conversations:list refused: ${ack.error.code}`);
    return ack.conversations;
  };
  const newConversation = async (socket: VisitorSocket) => {
    const ack = await emitAck<Opened>(socket, 'conversation:new', {});
    if (!ack.ok) throw new Error(`conversation:new refused: ${ack.error.code}`);
    return ack.conversation.id;
  };
  const visitorIdOf = async (conversationId: string) =>
    ((await h.app.db.query('SELECT visitor_id FROM conversations WHERE id = $1', [conversationId])) as Array<{ visitor_id: string }>)[0].visitor_id;

  /** A visitor with two conversations that have messages, and a third, empty, current one. */
  async function visitorWithHistory() {
    const { socket, session } = await h.visitor();
    const first = session.conversation.id;
    await turn(socket, randomUUID(), 'How much water should I drink?');
    await turn(socket, randomUUID(), 'And tea?');
    const second = await newConversation(socket);
    await turn(socket, randomUUID(), 'Is a nap after lunch good for me?');
    const third = await newConversation(socket);
    return { socket, token: session.visitor, first, second, third };
  }

  it('lists the visitor’s conversations with messages, newest first, with their first question, times and count', async () => {
    const { socket, first, second, third } = await visitorWithHistory();
    const listed = await list(socket);
    expect(listed.map((c) => c.id)).toEqual([second, first]); // the empty third is not listed
    expect(listed.map((c) => [c.preview, c.messageCount])).toEqual([
      ['Is a nap after lunch good for me?', 2],
      ['How much water should I drink?', 4],
    ]);
    const stored = (await h.app.db.query('SELECT id, created_at, last_message_at FROM conversations WHERE id = ANY($1)', [[first, second]])) as Array<{ id: string; created_at: Date; last_message_at: Date }>;
    for (const row of stored) {
      expect(listed.find((c) => c.id === row.id)).toMatchObject({ startedAt: row.created_at.toISOString(), lastMessageAt: row.last_message_at.toISOString() });
    }
    expect(third).not.toBe(second);
  });

  it('opens an earlier conversation with its stored messages and times; what is sent next goes there, and a reconnect stays there', async () => {
    const { socket, token, first, third } = await visitorWithHistory();
    const ack = await emitAck<Opened>(socket, 'conversation:open', { conversationId: first });
    if (!ack.ok) throw new Error(ack.error.code);
    expect(ack.conversation.id).toBe(first);
    expect(ack.conversation.state).toBe('bot');
    const rows = (await h.app.db.query(`SELECT id, role, text, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at, id`, [first])) as Array<{ id: string; role: string; text: string; created_at: Date }>;
    expect(ack.conversation.messages.map((m) => [m.id, m.role, m.text, m.createdAt])).toEqual(rows.map((r) => [r.id, r.role, r.text, r.created_at.toISOString()]));
    expect(ack.conversation.messages.map((m) => m.text).filter((_, i) => i % 2 === 0)).toEqual(['How much water should I drink?', 'And tea?']);

    // The next turn is the opened conversation's, and its history goes to the model.
    h.simulator.clearRequests();
    await turn(socket, randomUUID(), 'What about coffee?');
    expect(await h.app.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [first])).toEqual([{ n: 6 }]);
    expect(await h.app.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [third])).toEqual([{ n: 0 }]);
    const upstream = h.simulator.requests[0].body as { messages: Array<{ content: string }> };
    expect(upstream.messages.map((m) => m.content)).toContain('And tea?');

    // A new page (no conversation named) finds the one last written in; a reconnect names the one it shows.
    const again = await h.visitor({ token });
    expect(again.session.conversation.id).toBe(first);
    const named = await connectVisitor(h.app.url, { bot: h.fixture.bot.publicKey, visitor: token, conversation: third });
    expect(named.session.conversation.id).toBe(third);
    named.socket.disconnect();
  });

  it('refuses another visitor’s conversation as not found, lists none of it, and ignores it named at the handshake', async () => {
    const owner = await visitorWithHistory();
    const stranger = await h.visitor();
    const strangerOwn = stranger.session.conversation.id;
    for (const conversationId of [owner.first, owner.second, randomUUID()]) {
      expect(await emitAck(stranger.socket, 'conversation:open', { conversationId })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
    }
    expect(await list(stranger.socket)).toEqual([]);
    // Still in its own conversation: a message goes there, not to the owner's.
    await turn(stranger.socket, randomUUID(), 'Mine, not theirs');
    expect(await h.app.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND text = 'Mine, not theirs'`, [strangerOwn])).toEqual([{ n: 1 }]);
    expect(await h.app.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [owner.first])).toEqual([{ n: 4 }]);

    // Naming the owner's conversation in the handshake gives the stranger their own.
    const sneaky = await connectVisitor(h.app.url, { bot: h.fixture.bot.publicKey, visitor: stranger.session.visitor, conversation: owner.first });
    expect(sneaky.session.conversation.id).toBe(strangerOwn);
    expect(sneaky.session.conversation.messages.map((m) => m.text)).not.toContain('How much water should I drink?');
    sneaky.socket.disconnect();

    // The same visitor id under another bot of another tenant: not theirs either.
    const other = await createBot(h.app.db);
    const visitorId = await visitorIdOf(owner.first);
    await h.app.db.query('UPDATE conversations SET bot_id = $1, tenant_id = $2 WHERE id = $3', [other.bot.id, other.tenant.id, owner.second]);
    expect(await emitAck(owner.socket, 'conversation:open', { conversationId: owner.second })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await list(owner.socket)).map((c) => c.id)).toEqual([owner.first]);
    expect(visitorId).toBe(await visitorIdOf(owner.second));
  });

  it('gives at most 30, newest activity first', async () => {
    const { socket, session } = await h.visitor();
    const visitorId = await visitorIdOf(session.conversation.id);
    const { bot, tenant } = h.fixture;
    // 35 earlier conversations, one minute apart, each with one question.
    const ids = (await h.app.db.query(
      `INSERT INTO conversations (tenant_id, bot_id, visitor_id, created_at, last_message_at, message_count)
       SELECT $1, $2, $3, now() - (i || ' hours')::interval, now() - (i || ' minutes')::interval, 1 FROM generate_series(1, 35) AS i
       RETURNING id, last_message_at`,
      [tenant.id, bot.id, visitorId],
    )) as Array<{ id: string; last_message_at: Date }>;
    await h.app.db.query(
      `INSERT INTO messages (conversation_id, role, text, status, client_id) SELECT c.id, 'user', repeat('问', 200), 'complete', gen_random_uuid()::text FROM unnest($1::uuid[]) AS c(id)`,
      [ids.map((r) => r.id)],
    );
    const listed = await list(socket);
    expect(listed).toHaveLength(30);
    const newest = [...ids].sort((a, b) => b.last_message_at.getTime() - a.last_message_at.getTime()).slice(0, 30).map((r) => r.id);
    expect(listed.map((c) => c.id)).toEqual(newest);
    expect(listed[0].preview).toBe('问'.repeat(120));
  });

  it('refuses malformed payloads and counts reads against a per-visitor limit', async () => {
    const { socket } = await h.visitor();
    const bad = [
      ['conversation:open', {}],
      ['conversation:open', { conversationId: 'not-a-uuid' }],
      ['conversation:open', { conversationId: randomUUID(), extra: 1 }],
      ['conversation:open', { conversationId: `${randomUUID()}\u0000` }],
      ['conversations:list', { cursor: 'x' }],
      ['conversations:list', 'all'],
    ] as const;
    for (const [event, payload] of bad) {
      expect([event, await emitAck(socket, event, payload)]).toEqual([event, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'bad_request' }) })]);
    }
    // Well-formed reads count: past the limit both events are refused with the wait.
    let answered = 0;
    for (; answered < READS_PER_MINUTE; answered++) expect(await emitAck(socket, 'conversations:list', {})).toMatchObject({ ok: true });
    expect(await emitAck(socket, 'conversations:list', {})).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: expect.any(Number) } });
    expect(await emitAck(socket, 'conversation:open', { conversationId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Another visitor is not held up by this one.
    expect(await emitAck((await h.visitor()).socket, 'conversations:list', {})).toMatchObject({ ok: true, conversations: [] });
  });
});
