import request from 'supertest';
import { Message } from '../backend/src/conversations/message.entity';
import type { ReplyDeltaEvent } from '../backend/src/chat/widget.events';
import { chatHarness } from './support/chat-harness';
import { startTestApp } from './support/test-app';
import { collectReply, emitAck, nextEvent } from './support/visitor';

const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('a reply’s life: stop, leave, come back, restart, shutdown', () => {
  // Slow enough to act mid-stream: ~70 pieces at 40/s take ~1.8 s.
  const h = chatHarness({ env: { SHUTDOWN_GRACE_MS: '300' } });
  beforeAll(() => h.simulator.configure({ tokensPerSecond: 40 }));
  const visitor = (token?: string) => h.visitor({ token });
  const messages = (conversationId: string) => h.app.db.getRepository(Message).find({ where: { conversationId }, order: { createdAt: 'ASC' } });

  it('stops mid-stream on reply:stop and stores what was said as stopped', async () => {
    const { socket, session } = await visitor();
    const reply = collectReply(socket);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 's-1', text: 'Tell me about sleep' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 4 && resolve()));
    expect(await emitAck(socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
    const { end, deltas } = await reply;
    expect(end.status).toBe('stopped');
    expect(end.text).toBe(deltas.map((d) => d.text).join(''));
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(deltas.length).toBeLessThan(60);
    const [, answer] = await messages(session.conversation.id);
    expect(answer).toMatchObject({ id: ack.replyId, status: 'stopped', text: end.text });
    // Stopping again once it is over is harmless.
    expect(await emitAck(socket, 'reply:stop', { replyId: ack.replyId })).toEqual({ ok: true });
  });

  it('keeps generating when the visitor leaves, and a returning visitor catches up mid-stream', async () => {
    const first = await visitor();
    const ack = await emitAck<{ messageId: string; replyId: string }>(first.socket, 'message:send', { clientId: 'l-1', text: 'What should I eat in winter?' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => first.socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 3 && resolve()));
    first.socket.disconnect();

    const back = await visitor(first.session.visitor);
    const live = back.session.conversation.messages.find((m) => m.id === ack.replyId)!;
    expect(live.status).toBe('streaming');
    expect(live.seq).toBeGreaterThanOrEqual(4);
    expect(live.text.length).toBeGreaterThan(0);
    const rest = await collectReply(back.socket, () => ack.replyId);
    // The snapshot and the deltas after it make the whole reply: no gap, no duplicate. Deltas
    // sent while the session was being made arrive before it; those past the snapshot count.
    const after = [...back.early.filter((d) => d.replyId === ack.replyId && d.seq >= live.seq!), ...rest.deltas];
    expect(after[0]?.seq).toBe(live.seq);
    expect(after.map((d) => d.seq)).toEqual(after.map((_, i) => live.seq! + i));
    expect(live.text + after.map((d) => d.text).join('')).toBe(rest.end.text);
    expect(rest.end.status).toBe('complete');
    const [, answer] = await messages(first.session.conversation.id);
    expect(answer).toMatchObject({ status: 'complete', text: rest.end.text });
  });

  it('stores a reply whose visitor never comes back', async () => {
    const { socket, session } = await visitor();
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'g-1', text: 'Bye' });
    if (!ack.ok) throw new Error('send failed');
    await nextEvent(socket, 'reply:delta');
    socket.disconnect();
    await waitFor(async () => (await messages(session.conversation.id))[1]?.status === 'complete');
    const [, answer] = await messages(session.conversation.id);
    expect(answer.text.length).toBeGreaterThan(20);
    expect(answer.completionTokens).toBeGreaterThan(5);
  });

  it('retries a failed reply: a new answer to the same question, the failed one kept for staff only', async () => {
    const { socket, session } = await visitor();
    h.simulator.injectFault({ kind: 'drop', afterPieces: 3 });
    const failedEnd = collectReply(socket);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'r-1', text: 'How long should I sleep?' });
    if (!ack.ok) throw new Error('send failed');
    const failed = await failedEnd;
    expect(failed.end.status).toBe('failed');

    // Only the latest reply, and only a failed or stopped one, can be retried.
    expect(await emitAck(socket, 'reply:retry', { replyId: ack.messageId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await emitAck(socket, 'reply:retry', { replyId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    const again = collectReply(socket);
    const started = nextEvent(socket, 'reply:start');
    const retried = await emitAck<{ replyId: string }>(socket, 'reply:retry', { replyId: ack.replyId });
    if (!retried.ok) throw new Error(`retry refused: ${JSON.stringify(retried)}`);
    expect(retried.replyId).not.toBe(ack.replyId);
    // A second click on the same failed reply answers with the retry already made.
    expect(await emitAck(socket, 'reply:retry', { replyId: ack.replyId })).toEqual({ ok: true, replyId: retried.replyId });
    const [start, { end }] = await Promise.all([started, again]);
    expect(start.replyId).toBe(retried.replyId);
    expect(start.inReplyTo).toBe(ack.messageId);
    expect(end.status).toBe('complete');
    expect(await emitAck(socket, 'reply:retry', { replyId: retried.replyId })).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // The model was asked the question once, without the failed attempt in its history.
    const sent = (h.simulator.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> }).messages;
    expect(sent.filter((m) => m.role === 'assistant')).toEqual([]);
    expect(sent.at(-1)).toMatchObject({ role: 'user', content: 'How long should I sleep?' });

    const rows = await messages(session.conversation.id);
    expect(rows.map((m) => [m.role, m.status])).toEqual([['user', 'complete'], ['assistant', 'failed'], ['assistant', 'complete']]);
    const back = await visitor(session.visitor);
    expect(back.session.conversation.messages.map((m) => m.id)).toEqual([ack.messageId, retried.replyId]);
  });

  it('answers /health with 200 while the database answers', async () => {
    await request(h.app.app.getHttpServer()).get('/health').expect(200, { status: 'ok', database: 'up' });
  });

  it('keeps the history across a restart, and a shutdown stores the reply in flight as failed with its text', async () => {
    const { socket, session } = await visitor();
    const done = collectReply(socket);
    await emitAck(socket, 'message:send', { clientId: 'x-1', text: 'Before restart' });
    await done;

    h.simulator.configure({ tokensPerSecond: 10 });
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'x-2', text: 'During shutdown' });
    if (!ack.ok) throw new Error('send failed');
    await new Promise<void>((resolve) => socket.on('reply:delta', (d: ReplyDeltaEvent) => d.seq === 2 && resolve()));
    await h.app.close(); // grace 300 ms, far less than the reply needs
    h.simulator.configure({ tokensPerSecond: 40 });

    h.app = await startTestApp({ database: h.database, simulatorUrl: h.simulatorUrl });
    const back = await visitor(session.visitor);
    expect(back.session.conversation.id).toBe(session.conversation.id);
    const stored = back.session.conversation.messages;
    expect(stored.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'failed'],
    ]);
    expect(stored[0].text).toBe('Before restart');
    expect(stored[3].id).toBe(ack.replyId);
    expect(stored[3].text.length).toBeGreaterThan(0);
  });
});
