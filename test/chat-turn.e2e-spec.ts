import { Message } from '../backend/src/conversations/message.entity';
import { chatHarness } from './support/chat-harness';
import { SIM_DEPLOYMENT, SIM_KEY } from './support/test-app';
import { collectReply, emitAck } from './support/visitor';

const ROLE = 'You are a health advisor. Answer health questions only.';

describe('a visitor turn, end to end', () => {
  const h = chatHarness({ systemPrompt: ROLE });
  const visitor = (token?: string) => h.visitor({ token });

  it('streams a multi-turn conversation, stores it, and sends the role and history upstream', async () => {
    const { socket, session } = await visitor();
    expect(session.conversation.messages).toEqual([]);
    expect(session.bot).toMatchObject({ name: 'Health advisor', locale: 'en', demo: false });
    expect(typeof session.visitor).toBe('string');

    h.simulator.clearRequests();
    const first = collectReply(socket);
    const ack1 = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'c-1', text: 'How much water should I drink?' });
    expect(ack1).toMatchObject({ ok: true });
    if (!ack1.ok) throw new Error('send failed');
    const reply1 = await first;

    expect(reply1.end).toMatchObject({ replyId: ack1.replyId, status: 'complete' });
    expect(reply1.deltas.length).toBeGreaterThan(3);
    expect(reply1.deltas.map((d) => d.seq)).toEqual(reply1.deltas.map((_, i) => i));
    expect(reply1.deltas.map((d) => d.text).join('')).toBe(reply1.end.text);
    expect(reply1.end.text).toContain('simulator');

    const second = collectReply(socket);
    const ack2 = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'c-2', text: 'And tea?' });
    const reply2 = await second;
    expect(reply2.end.status).toBe('complete');

    // Upstream: deployment path, api-version, api-key, role first, history in order.
    expect(h.simulator.requests).toHaveLength(2);
    const upstream = h.simulator.requests[1];
    expect(upstream.path).toBe(`/openai/deployments/${SIM_DEPLOYMENT}/chat/completions`);
    expect(upstream.query['api-version']).toBe('2024-10-21');
    expect(upstream.headers['api-key']).toBe(SIM_KEY);
    const body = upstream.body as { messages: { role: string; content: string }[]; stream: boolean };
    expect(body.stream).toBe(true);
    expect(body.messages).toEqual([
      { role: 'system', content: ROLE },
      { role: 'user', content: 'How much water should I drink?' },
      { role: 'assistant', content: reply1.end.text },
      { role: 'user', content: 'And tea?' },
    ]);

    // Stored: four messages in order, the answers complete with their role version and usage.
    const rows = await h.app.db.getRepository(Message).find({ where: { conversationId: session.conversation.id }, order: { createdAt: 'ASC' } });
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const answer = rows[3];
    expect(answer.id).toBe(ack2.ok && ack2.replyId);
    expect(answer.text).toBe(reply2.end.text);
    expect(answer.inReplyTo).toBe(rows[2].id);
    expect(answer.roleVersion).toBe(1);
    expect(answer.finishReason).toBe('stop');
    expect(answer.promptTokens).toBeGreaterThan(10);
    // One token per simulated piece; pieces read together reach the visitor as one delta.
    expect(answer.completionTokens).toBeGreaterThanOrEqual(reply2.deltas.length);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(answer.firstTokenMs!);
    expect(answer.contentFilter).toHaveProperty('prompt');
    expect(rows[0].clientId).toBe('c-1');
  });

  it('gives a returning visitor the same conversation', async () => {
    const first = await visitor();
    const done = collectReply(first.socket);
    await emitAck(first.socket, 'message:send', { clientId: 'r-1', text: 'Hello' });
    await done;
    first.socket.disconnect();

    const again = await visitor(first.session.visitor);
    expect(again.session.conversation.id).toBe(first.session.conversation.id);
    expect(again.session.conversation.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(again.session.conversation.messages[0].text).toBe('Hello');

    // A token that is not ours is not an error: a new visitor starts.
    const stranger = await visitor(first.session.visitor.slice(0, -2) + 'xx');
    expect(stranger.session.conversation.id).not.toBe(first.session.conversation.id);
    expect(stranger.session.conversation.messages).toEqual([]);
  });

  it('is idempotent on clientId: the same send returns the same ids and starts no second reply', async () => {
    const { socket, session } = await visitor();
    const done = collectReply(socket);
    const a = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'same', text: 'Sleep tips?' });
    const b = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'same', text: 'Sleep tips?' });
    await done;
    const c = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'same', text: 'Sleep tips?' });
    expect(a.ok && b.ok && c.ok).toBe(true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    const count = await h.app.db.getRepository(Message).count({ where: { conversationId: session.conversation.id } });
    expect(count).toBe(2);
  });

  it('answers busy while a reply streams', async () => {
    const { socket } = await visitor();
    h.simulator.configure({ tokensPerSecond: 50 });
    try {
      const done = collectReply(socket);
      const first = await emitAck(socket, 'message:send', { clientId: 'b-1', text: 'Long answer please' });
      expect(first.ok).toBe(true);
      const second = await emitAck(socket, 'message:send', { clientId: 'b-2', text: 'Another' });
      expect(second).toEqual({ ok: false, error: { code: 'busy', message: expect.stringMatching(/wait/i) } });
      await done;
      const third = collectReply(socket);
      expect((await emitAck(socket, 'message:send', { clientId: 'b-3', text: 'Now?' })).ok).toBe(true);
      await third;
    } finally {
      h.simulator.configure({ tokensPerSecond: 500 });
    }
  });

  it('records feedback on an answer of this visitor only', async () => {
    const { socket, session } = await visitor();
    const done = collectReply(socket);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'f-1', text: 'Is running good?' });
    await done;
    if (!ack.ok) throw new Error('send failed');
    expect(await emitAck(socket, 'feedback', { messageId: ack.replyId, rating: 'up', comment: 'helpful' })).toEqual({ ok: true });
    const row = await h.app.db.getRepository(Message).findOneByOrFail({ id: ack.replyId });
    expect([row.feedback, row.feedbackComment]).toEqual(['up', 'helpful']);

    const other = await visitor();
    const refused = await emitAck(other.socket, 'feedback', { messageId: ack.replyId, rating: 'down' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // The visitor's own question cannot be rated either.
    expect(await emitAck(socket, 'feedback', { messageId: ack.messageId, rating: 'down' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Coming back, the widget shows the rating given.
    const back = await visitor(session.visitor);
    expect(back.session.conversation.messages.map((m) => m.feedback)).toEqual([undefined, 'up']);
  });

  it('starts a new conversation on request and keeps the old one', async () => {
    const { socket, session } = await visitor();
    const done = collectReply(socket);
    await emitAck(socket, 'message:send', { clientId: 'n-1', text: 'First topic' });
    await done;
    const fresh = await emitAck<{ conversation: { id: string; messages: unknown[] } }>(socket, 'conversation:new', {});
    if (!fresh.ok) throw new Error('conversation:new failed');
    expect(fresh.conversation.messages).toEqual([]);
    expect(fresh.conversation.id).not.toBe(session.conversation.id);

    const next = collectReply(socket);
    await emitAck(socket, 'message:send', { clientId: 'n-1', text: 'Second topic' });
    const reply = await next;
    expect(reply.end.status).toBe('complete');
    const again = await visitor(session.visitor);
    expect(again.session.conversation.id).toBe(fresh.conversation.id);
    expect(again.session.conversation.messages[0].text).toBe('Second topic');
    expect(await h.app.db.getRepository(Message).count({ where: { conversationId: session.conversation.id } })).toBe(2);
  });
});
