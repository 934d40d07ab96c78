import type { Message } from '../conversations/message.entity';
import type { HistoryRow } from '../conversations/messages.repository';
import { TurnConflict } from '../conversations/turn-conflict';
import { ChatError } from './chat-error';
import { ChatService } from './chat.service';
import type { ReplyJob } from './reply.runner';
import { ReplyRegistry } from './reply-registry';
import { CONVERSATION, fakeBot, visitorContext } from './testing/chat-fakes';
import { deferred } from './testing/deferred';
import { TurnCache } from './turn-cache';

function newChatService() {
  const bot = fakeBot();
  const bots = { findById: jest.fn(async () => bot) };
  const messages = {
    turnReads: jest.fn(async () => ({ replay: null as { messageId: string; replyId: string } | null, history: [] as HistoryRow[], state: 'bot' as const })),
    storeTurn: jest.fn(async (): Promise<{ answered: boolean }> => ({ answered: true })),
    storeRetry: jest.fn(async (): Promise<void> => undefined),
    replay: jest.fn(async () => ({ messageId: 'first-q', replyId: 'first-a' })),
    findAnswer: jest.fn(async (): Promise<Partial<Message> | null> => null),
    latest: jest.fn(async (): Promise<Partial<Message> | null> => null),
    rate: jest.fn(async () => true),
  };
  const prompts = { build: jest.fn(async () => ({ request: { messages: [] }, used: { roleVersion: 3, passages: [], turns: 1 } })) };
  const responders = { choose: jest.fn(async () => ({ kind: 'bot' as const })) };
  const jobs: ReplyJob[] = [];
  const runner = { start: jest.fn((job: ReplyJob) => void jobs.push(job)) };
  const registry = new ReplyRegistry();
  const cluster = { stop: jest.fn(async () => true) };
  const limits = { message: jest.fn(async (): Promise<{ code: 'rate_limited'; retryAfterMs: number } | null> => null) };
  const turns = new TurnCache();
  const people = { take: jest.fn(async () => ({ messageId: 'person-q', replyId: null })) };
  const handoff = { visitorMessage: jest.fn(async () => undefined), alert: jest.fn(async () => undefined) };
  const sut = new ChatService(bots as never, messages as never, prompts as never, responders as never, runner as never, registry, cluster as never, limits as never, turns, people as never, handoff as never);
  return { sut, bot, bots, messages, prompts, responders, runner, jobs, registry, cluster, limits, turns, ctx: visitorContext() };
}

const refusal = (code: string) => expect.objectContaining({ code }) as unknown as ChatError;

describe('ChatService.send', () => {
  it('stores the turn under ids it made, asks the bot, and starts the reply with the prompt being built', async () => {
    const { sut, ctx, messages, prompts, jobs } = newChatService();
    const ids = await sut.send(ctx, { clientId: 'c-1', text: '  How much water?  ' });
    expect(messages.storeTurn).toHaveBeenCalledWith(CONVERSATION, ids, 'How much water?', 'c-1');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ replyId: ids.replyId, inReplyTo: ids.messageId, conversationId: CONVERSATION, locale: 'en', botId: 'bot-1' });
    expect(prompts.build).toHaveBeenCalledWith(expect.objectContaining({ conversationId: CONVERSATION, question: 'How much water?', exclude: [ids.messageId, ids.replyId] }));
    expect(ids.messageId).not.toBe(ids.replyId);
  });

  it('starts the reply before the write is durable, and acks only once it is', async () => {
    const { sut, ctx, messages, runner } = newChatService();
    const write = deferred<{ answered: boolean }>();
    messages.storeTurn.mockImplementationOnce(() => write.promise);
    let acked = false;
    const sending = sut.send(ctx, { clientId: 'c-1', text: 'Hi' }).then(() => (acked = true));
    while (!runner.start.mock.calls.length) await new Promise((r) => setImmediate(r));
    expect(acked).toBe(false);
    write.resolve({ answered: true });
    await sending;
    expect(acked).toBe(true);
  });

  it('answers a resend with the first ids and stores nothing', async () => {
    const { sut, ctx, messages, runner } = newChatService();
    messages.turnReads.mockResolvedValueOnce({ replay: { messageId: 'q', replyId: 'a' }, history: [], state: 'bot' });
    await expect(sut.send(ctx, { clientId: 'c-1', text: 'Hi' })).resolves.toEqual({ messageId: 'q', replyId: 'a' });
    expect(messages.storeTurn).not.toHaveBeenCalled();
    expect(runner.start).not.toHaveBeenCalled();
  });

  it('answers with the winner’s ids when a resend racing it was stored first', async () => {
    const { sut, ctx, messages } = newChatService();
    messages.storeTurn.mockRejectedValueOnce(new TurnConflict('resent'));
    await expect(sut.send(ctx, { clientId: 'c-1', text: 'Hi' })).resolves.toEqual({ messageId: 'first-q', replyId: 'first-a' });
  });

  it('answers busy when another reply of the conversation streams, here or on another instance', async () => {
    const { sut, ctx, messages, registry } = newChatService();
    messages.storeTurn.mockRejectedValueOnce(new TurnConflict('busy'));
    await expect(sut.send(ctx, { clientId: 'c-1', text: 'Hi' })).rejects.toEqual(refusal('busy'));
    registry.add({ replyId: 'r', conversationId: CONVERSATION, inReplyTo: 'q', text: '', seq: 0, controller: new AbortController(), done: Promise.resolve() });
    await expect(sut.send(ctx, { clientId: 'c-2', text: 'Hi' })).rejects.toEqual(refusal('busy'));
  });

  it('refuses before storing anything: empty, too long (in characters), disabled bot, limits', async () => {
    const { sut, ctx, messages, bot, limits } = newChatService();
    await expect(sut.send(ctx, { clientId: 'c-1', text: '   ' })).rejects.toEqual(refusal('bad_request'));
    await expect(sut.send(ctx, { clientId: 'c-1', text: '好'.repeat(21) })).rejects.toEqual(refusal('too_long'));
    await expect(sut.send(ctx, { clientId: 'c-1', text: '😀'.repeat(20) })).resolves.toBeDefined();
    limits.message.mockResolvedValueOnce({ code: 'rate_limited', retryAfterMs: 1234 });
    await expect(sut.send(ctx, { clientId: 'c-2', text: 'Hi' })).rejects.toEqual(expect.objectContaining({ code: 'rate_limited', retryAfterMs: 1234 }));
    bot.enabled = false;
    await expect(sut.send(ctx, { clientId: 'c-3', text: 'Hi' })).rejects.toEqual(refusal('upstream_unavailable'));
    expect(messages.storeTurn).toHaveBeenCalledTimes(1);
  });

  it('refuses payloads that are not a message: unknown fields, NUL bytes, no clientId', async () => {
    const { sut, ctx } = newChatService();
    for (const payload of [{ clientId: 'c', text: 'hi', extra: 1 }, { clientId: 'c', text: 'a\u0000b' }, { text: 'hi' }, null, 'hi']) {
      await expect(sut.send(ctx, payload)).rejects.toEqual(refusal('bad_request'));
    }
  });
});

describe('ChatService.send, a conversation this instance answered lately', () => {
  const row = (id: string, role: 'user' | 'assistant', text: string, inReplyTo: string | null = null): HistoryRow => ({ id, role, text, inReplyTo });
  const earlier = [row('q0', 'user', 'Hi'), row('a0', 'assistant', 'Hello!', 'q0')];

  it('asks the model before the reads come back, and keeps that prompt when they agree', async () => {
    const { sut, ctx, bot, messages, prompts, jobs, turns } = newChatService();
    turns.set(CONVERSATION, bot, earlier);
    const reads = deferred<{ replay: { messageId: string; replyId: string } | null; history: HistoryRow[]; state: 'bot' }>();
    messages.turnReads.mockImplementationOnce(() => reads.promise);
    const ids = await sut.send(ctx, { clientId: 'c-2', text: 'Water?' });
    expect(jobs).toHaveLength(1);
    expect(prompts.build).toHaveBeenCalledWith(expect.objectContaining({ history: earlier, question: 'Water?' }));
    reads.resolve({ replay: null, history: earlier, state: 'bot' });
    await expect(jobs[0].check).resolves.toBeUndefined();
    // Now it knows this turn too, the answer's text to come.
    expect(turns.get(CONVERSATION)!.history.map((r) => r.id)).toEqual(['q0', 'a0', ids.messageId, ids.replyId]);
  });

  it('replaces the prompt when the stored history differs (another instance wrote)', async () => {
    const { sut, ctx, bot, messages, prompts, jobs, turns } = newChatService();
    turns.set(CONVERSATION, bot, earlier);
    const elsewhere = [...earlier, row('q1', 'user', 'Asked elsewhere'), row('a1', 'assistant', 'Answered elsewhere', 'q1')];
    messages.turnReads.mockResolvedValueOnce({ replay: null, history: elsewhere } as never);
    await sut.send(ctx, { clientId: 'c-2', text: 'And now?' });
    const replacement = await jobs[0].check;
    expect(replacement).toBeDefined();
    expect(prompts.build).toHaveBeenLastCalledWith(expect.objectContaining({ history: elsewhere, question: 'And now?' }));
  });

  it('replaces the prompt when the owner changed the bot meanwhile', async () => {
    const { sut, ctx, bot, bots, messages, jobs, turns } = newChatService();
    turns.set(CONVERSATION, bot, earlier);
    messages.turnReads.mockResolvedValueOnce({ replay: null, history: earlier, state: 'bot' } as never);
    bots.findById.mockResolvedValueOnce({ ...bot, activeRoleVersion: 4, updatedAt: new Date(bot.updatedAt.getTime() + 1000) });
    await sut.send(ctx, { clientId: 'c-2', text: 'Role?' });
    await expect(jobs[0].check).resolves.toBeDefined();
  });

  it('reads first while a reply of the conversation streams here: a resend gets its ids, anything else busy', async () => {
    const { sut, ctx, bot, messages, registry, turns, runner } = newChatService();
    turns.set(CONVERSATION, bot, earlier);
    registry.add({ replyId: 'r', conversationId: CONVERSATION, inReplyTo: 'q', text: '', seq: 0, controller: new AbortController(), done: Promise.resolve() });
    messages.turnReads.mockResolvedValueOnce({ replay: { messageId: 'q', replyId: 'r' }, history: earlier, state: 'bot' });
    await expect(sut.send(ctx, { clientId: 'c-1', text: 'Hi' })).resolves.toEqual({ messageId: 'q', replyId: 'r' });
    await expect(sut.send(ctx, { clientId: 'c-2', text: 'Hi again' })).rejects.toEqual(refusal('busy'));
    expect(runner.start).not.toHaveBeenCalled();
  });

  it('answers a resend with the first ids: the write refuses it and the model call is dropped', async () => {
    const { sut, ctx, bot, messages, turns, jobs } = newChatService();
    turns.set(CONVERSATION, bot, earlier);
    messages.turnReads.mockResolvedValueOnce({ replay: { messageId: 'first-q', replyId: 'first-a' }, history: earlier, state: 'bot' });
    messages.storeTurn.mockRejectedValueOnce(new TurnConflict('resent'));
    await expect(sut.send(ctx, { clientId: 'c-1', text: 'Hi' })).resolves.toEqual({ messageId: 'first-q', replyId: 'first-a' });
    await expect(jobs[0].written).rejects.toBeInstanceOf(TurnConflict);
  });
});

describe('ChatService.retry', () => {
  const failed = { id: '11111111-1111-4111-8111-111111111111', role: 'assistant' as const, inReplyTo: 'q-1', status: 'failed' as const };

  it('answers the failed reply’s question again, leaving the failed attempt out of the prompt', async () => {
    const { sut, ctx, messages, prompts, jobs } = newChatService();
    messages.findAnswer.mockResolvedValue(failed);
    messages.latest.mockResolvedValue(failed);
    const { replyId } = await sut.retry(ctx, { replyId: failed.id });
    expect(messages.storeRetry).toHaveBeenCalledWith(CONVERSATION, replyId, 'q-1');
    expect(jobs[0]).toMatchObject({ replyId, inReplyTo: 'q-1' });
    expect(prompts.build).toHaveBeenCalledWith(expect.objectContaining({ exclude: [failed.id, replyId] }));
  });

  it('answers a second retry of the same reply with the first retry', async () => {
    const { sut, ctx, messages } = newChatService();
    messages.findAnswer.mockResolvedValue(failed);
    messages.latest.mockResolvedValue({ id: 'retry-1', role: 'assistant', inReplyTo: 'q-1', status: 'streaming' });
    await expect(sut.retry(ctx, { replyId: failed.id })).resolves.toEqual({ replyId: 'retry-1' });
    expect(messages.storeRetry).not.toHaveBeenCalled();
  });

  it('refuses a reply that completed, one that is not the latest, and one that is not found', async () => {
    const { sut, ctx, messages } = newChatService();
    messages.findAnswer.mockResolvedValueOnce({ ...failed, status: 'complete' });
    messages.latest.mockResolvedValueOnce({ ...failed, status: 'complete' });
    await expect(sut.retry(ctx, { replyId: failed.id })).rejects.toEqual(refusal('bad_request'));
    messages.findAnswer.mockResolvedValueOnce(failed);
    messages.latest.mockResolvedValueOnce({ id: 'q-2', role: 'user', inReplyTo: null });
    await expect(sut.retry(ctx, { replyId: failed.id })).rejects.toEqual(refusal('bad_request'));
    await expect(sut.retry(ctx, { replyId: failed.id })).rejects.toEqual(refusal('not_found'));
    expect(messages.storeRetry).not.toHaveBeenCalled();
  });
});

describe('ChatService.stop and feedback', () => {
  it('stops a live reply of the visitor’s conversation here, and asks the other instances for one streaming there', async () => {
    const { sut, ctx, registry, messages, cluster } = newChatService();
    const controller = new AbortController();
    registry.add({ replyId: 'r-1', conversationId: CONVERSATION, inReplyTo: 'q', text: '', seq: 0, controller, done: Promise.resolve() });
    await sut.stop(ctx, { replyId: '22222222-2222-4222-8222-222222222222' }).catch(() => undefined);
    expect(controller.signal.aborted).toBe(false);
    messages.findAnswer.mockResolvedValueOnce({ id: '33333333-3333-4333-8333-333333333333', status: 'streaming' });
    await sut.stop(ctx, { replyId: '33333333-3333-4333-8333-333333333333' });
    expect(cluster.stop).toHaveBeenCalledWith('33333333-3333-4333-8333-333333333333');
  });

  it('does not stop another conversation’s live reply', async () => {
    const { sut, ctx, registry } = newChatService();
    const controller = new AbortController();
    const id = '44444444-4444-4444-8444-444444444444';
    registry.add({ replyId: id, conversationId: 'another', inReplyTo: 'q', text: '', seq: 0, controller, done: Promise.resolve() });
    await expect(sut.stop(ctx, { replyId: id })).rejects.toEqual(refusal('not_found'));
    expect(controller.signal.aborted).toBe(false);
  });

  it('rates only the visitor’s own answers, with the comment trimmed', async () => {
    const { sut, ctx, messages } = newChatService();
    const id = '55555555-5555-4555-8555-555555555555';
    await sut.feedback(ctx, { messageId: id, rating: 'down', comment: '  wrong hours  ' });
    expect(messages.rate).toHaveBeenCalledWith('visitor-1', id, 'down', 'wrong hours');
    messages.rate.mockResolvedValueOnce(false);
    await expect(sut.feedback(ctx, { messageId: id, rating: 'up' })).rejects.toEqual(refusal('not_found'));
  });
});
