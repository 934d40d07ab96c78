import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { ChatGateway } from '../../backend/src/chat/chat.gateway';
import { createTestDatabase, TestDatabase } from '../support/database';
import { createBot } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { collectReply, connectVisitor, emitAck } from '../support/visitor';

/**
 * What a visitor of another bot sends to reach the victim's conversation: each event the gateway
 * handles, with the victim's ids in its payload. A new event needs its entry here.
 */
const FOREIGN_PAYLOADS: Record<string, (victim: { replyId: string; messageId: string; conversationId: string }) => unknown> = {
  'message:send': (v) => ({ clientId: randomUUID(), text: 'hijack', conversationId: v.conversationId }),
  'reply:stop': (v) => ({ replyId: v.replyId }),
  'reply:retry': (v) => ({ replyId: v.replyId }),
  feedback: (v) => ({ messageId: v.replyId, rating: 'down', comment: 'from a stranger' }),
  'conversation:new': (v) => ({ conversationId: v.conversationId }),
  'handoff:request': (v) => ({ conversationId: v.conversationId }),
  'offline:message': (v) => ({ email: 'stranger@example.com', text: 'about your conversation', conversationId: v.conversationId }),
  'conversations:list': (v) => ({ conversationId: v.conversationId }),
  'conversation:open': (v) => ({ conversationId: v.conversationId }),
};

/** The events the gateway subscribes to, read from its own metadata. */
function gatewayEvents(): string[] {
  const proto = ChatGateway.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .map((name) => (typeof proto[name] === 'function' ? Reflect.getMetadata(MESSAGE_METADATA, proto[name] as object) : undefined))
    .filter((e): e is string => typeof e === 'string');
}

describe("security: no socket event reaches another visitor's conversation", () => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A slow model, so the victim's reply is still streaming while the stranger tries to stop it.
    app = await startTestApp({ database, demo: true, env: { DEMO_TOKENS_PER_SECOND: '20', DEMO_TTFT_MS: '50' } });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('walks every event the gateway handles with the victim’s ids: refused, and the victim’s rows unchanged', async () => {
    const events = gatewayEvents();
    expect(events).toEqual(expect.arrayContaining(['message:send', 'reply:stop', 'feedback']));
    expect(events.filter((e) => !FOREIGN_PAYLOADS[e])).toEqual([]);

    const victimBot = await createBot(app.db);
    const strangerBot = await createBot(app.db);
    const victim = await connectVisitor(app.url, { bot: victimBot.bot.publicKey });
    const ack = await emitAck<{ messageId: string; replyId: string }>(victim.socket, 'message:send', { clientId: randomUUID(), text: 'How do I sleep better?' });
    if (!ack.ok) throw new Error(ack.error.code);
    const reply = collectReply(victim.socket, () => ack.replyId, 60_000);
    const ids = { replyId: ack.replyId, messageId: ack.messageId, conversationId: victim.session.conversation.id };

    const stranger = await connectVisitor(app.url, { bot: strangerBot.bot.publicKey });
    const victimRows = () =>
      app.db.query(`SELECT id, role, text, feedback, feedback_comment, conversation_id FROM messages WHERE conversation_id = $1 AND status <> 'streaming' ORDER BY id`, [ids.conversationId]);
    const before = await victimRows();
    const answers: Record<string, unknown> = {};
    for (const event of events) answers[event] = await emitAck(stranger.socket, event, FOREIGN_PAYLOADS[event](ids));

    // Stopping, retrying or rating someone else's reply: not found. Smuggling a conversation id: bad request.
    for (const event of ['reply:stop', 'reply:retry', 'feedback', 'conversation:open']) expect(answers[event]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const event of ['message:send', 'conversation:new', 'handoff:request', 'offline:message', 'conversations:list']) expect(answers[event]).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // Asking in the proper form: the stranger's own list holds none of the victim's conversations.
    expect(await emitAck(stranger.socket, 'conversations:list', {})).toEqual({ ok: true, conversations: [] });

    const end = (await reply).end;
    expect(end.status).toBe('complete'); // the stranger's stop did not stop it
    const after = await victimRows();
    expect(after.filter((r: { id: string }) => r.id !== ids.replyId)).toEqual(before.filter((r: { id: string }) => r.id !== ids.replyId));
    expect(after.find((r: { id: string }) => r.id === ids.replyId)).toMatchObject({ feedback: null, feedback_comment: null });
    const strangersMessages = await app.db.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND text = 'hijack'`, [ids.conversationId]);
    expect(strangersMessages).toEqual([{ n: 0 }]);
    // Nobody was asked for in the victim's conversation, and no message was left against it.
    expect(await app.db.query(`SELECT state FROM conversations WHERE id = $1`, [ids.conversationId])).toEqual([{ state: 'bot' }]);
    expect(await app.db.query(`SELECT count(*)::int AS n FROM offline_messages`)).toEqual([{ n: 0 }]);
    victim.socket.disconnect();
    stranger.socket.disconnect();
  });
});
