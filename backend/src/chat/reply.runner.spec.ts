import { Logger } from '@nestjs/common';
import type { ReplyEnd } from '../conversations/messages.repository';
import { LlmError } from '../llm/llm.client';
import type { BuiltPrompt } from '../prompt/prompt-builder';
import { TokenCounter } from '../prompt/token-counter';
import { ReplyRegistry, abortReply } from './reply-registry';
import { ReplyJob, ReplyRunner } from './reply.runner';
import { CONVERSATION, fakeEmitter, fakeModel } from './testing/chat-fakes';
import { deferred, settle } from './testing/deferred';
import { TurnCache } from './turn-cache';

const prompt = (roleVersion: number | null = 2): BuiltPrompt => ({
  request: { messages: [{ role: 'user', content: 'Hi?' }], model: 'm' },
  used: { roleVersion, passages: [], turns: 1 },
});

function newRunner() {
  const model = fakeModel();
  const emitter = fakeEmitter();
  const stored: ReplyEnd[] = [];
  const messages = { storeEnd: jest.fn(async (end: ReplyEnd): Promise<void> => void stored.push(end)) };
  const registry = new ReplyRegistry();
  const counter = new TokenCounter((text) => ({ length: text.length }));
  const metrics = { watchReplies: jest.fn(), replyFinished: jest.fn(), deltasRelayed: 0 };
  const cluster = { watchedElsewhere: jest.fn(async () => false) };
  const turns = new TurnCache();
  const handoff = { request: jest.fn(async () => 'waiting' as const) };
  const sut = new ReplyRunner(model.client, registry, emitter as never, messages as never, metrics as never, cluster as never, counter, turns, handoff as never);
  const job = (over: Partial<ReplyJob> = {}): ReplyJob => ({
    replyId: 'reply-1',
    conversationId: CONVERSATION,
    inReplyTo: 'question-1',
    locale: 'en',
    botId: 'bot-1',
    prompt: Promise.resolve(prompt()),
    written: Promise.resolve(),
    ...over,
  });
  return { sut, model, emitter, stored, messages, registry, counter, metrics, turns, job, handoff };
}

// Refusals and failures are logged on purpose; the tests read what was acked and stored.
beforeAll(() => Logger.overrideLogger(false));

describe('ReplyRunner', () => {
  it('relays the deltas in order, then stores the end once and says so', async () => {
    const { sut, model, emitter, stored, job } = newRunner();
    const live = sut.start(job());
    model.delta('Hello');
    model.delta(' there');
    model.end({ promptTokens: 5, completionTokens: 2 });
    await live.done;
    expect(emitter.events.map((e) => e.event)).toEqual(['reply:start', 'reply:delta', 'reply:delta', 'reply:end']);
    expect(emitter.named('reply:delta')).toEqual([
      { replyId: 'reply-1', seq: 0, text: 'Hello' },
      { replyId: 'reply-1', seq: 1, text: ' there' },
    ]);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ replyId: 'reply-1', text: 'Hello there', status: 'complete', promptTokens: 5, completionTokens: 2, roleVersion: 2, flagConversation: false });
    expect(emitter.named('reply:end')[0]).toEqual({ replyId: 'reply-1', status: 'complete', text: 'Hello there' });
  });

  it('hands the conversation to a person when the whole answer is the marker: the visitor reads a notice, never the marker', async () => {
    const { sut, model, emitter, stored, job, handoff } = newRunner();
    const ref = { tenantId: 't', botId: 'bot-1', conversationId: CONVERSATION };
    const live = sut.start(job({ handoff: ref }));
    model.delta('[[HAND');
    model.delta('OFF]]');
    model.end({ promptTokens: 5, completionTokens: 4 });
    await live.done;
    expect(emitter.named('reply:delta')).toEqual([]);
    expect(stored[0]).toMatchObject({ status: 'complete', text: "I'll get a person to help you; please wait a moment." });
    expect(emitter.named('reply:end')[0]).toMatchObject({ status: 'complete', text: stored[0].text });
    expect(handoff.request).toHaveBeenCalledWith(ref);
  });

  it('relays an ordinary answer whole when handoff is allowed, and hands nothing over', async () => {
    const { sut, model, emitter, stored, job, handoff } = newRunner();
    const live = sut.start(job({ handoff: { tenantId: 't', botId: 'bot-1', conversationId: CONVERSATION } }));
    model.delta('[');
    model.delta('1] says so');
    model.end({ promptTokens: 5, completionTokens: 4 });
    await live.done;
    expect(emitter.named('reply:delta').map((d) => (d as { text: string }).text).join('')).toBe('[1] says so');
    expect(stored[0].text).toBe('[1] says so');
    expect(handoff.request).not.toHaveBeenCalled();
  });

  it('asks the model while the turn is still being written, and says nothing before it is stored', async () => {
    const { sut, model, emitter, job } = newRunner();
    const written = deferred();
    const live = sut.start(job({ written: written.promise }));
    model.delta('Early');
    await settle();
    expect(model.stream).toHaveBeenCalledTimes(1);
    expect(emitter.events).toEqual([]);
    written.resolve();
    model.end();
    await live.done;
    expect(emitter.events.map((e) => e.event)).toEqual(['reply:start', 'reply:delta', 'reply:end']);
  });

  it('abandons the model call when the write fails: nothing said, nothing stored', async () => {
    const { sut, model, emitter, stored, registry, job } = newRunner();
    const written = deferred();
    const live = sut.start(job({ written: written.promise }));
    await settle();
    written.reject(new Error('busy elsewhere'));
    await live.done;
    expect(model.calls[0].signal.aborted).toBe(true);
    expect(emitter.events).toEqual([]);
    expect(stored).toEqual([]);
    expect(registry.size).toBe(0);
  });

  it('ends a reply whose prompt could not be built as failed, stored and said', async () => {
    const { sut, model, emitter, stored, job } = newRunner();
    const live = sut.start(job({ prompt: Promise.reject(new Error('key unreadable')) }));
    await live.done;
    expect(model.stream).not.toHaveBeenCalled();
    expect(stored[0]).toMatchObject({ status: 'failed', errorCode: 'internal', roleVersion: null });
    expect(stored[0].errorDetail).toContain('key unreadable');
    expect(emitter.events.map((e) => e.event)).toEqual(['reply:start', 'reply:end']);
    expect(emitter.named('reply:end')[0]).toMatchObject({ status: 'failed', error: { code: 'internal' } });
  });

  it('keeps the text said so far when stopped', async () => {
    const { sut, model, stored, emitter, job } = newRunner();
    const live = sut.start(job());
    model.delta('Half an ans');
    while (!emitter.named('reply:delta').length) await settle();
    abortReply(live, 'stopped');
    await live.done;
    expect(stored[0]).toMatchObject({ status: 'stopped', text: 'Half an ans', errorCode: null });
  });

  it('tells the visitor the model is unavailable, and the owner why', async () => {
    const { sut, model, stored, emitter, job } = newRunner();
    const live = sut.start(job());
    model.fail(new LlmError('unavailable', 'HTTP 503 from the endpoint'));
    await live.done;
    expect(stored[0]).toMatchObject({ status: 'failed', errorCode: 'upstream_unavailable', errorDetail: 'HTTP 503 from the endpoint' });
    expect(emitter.named('reply:end')[0]).toMatchObject({ status: 'failed', error: { code: 'upstream_unavailable' } });
    expect(JSON.stringify(emitter.named('reply:end'))).not.toContain('503');
  });

  it('remembers a complete answer’s token count for the next turn’s history', async () => {
    const { sut, model, counter, job } = newRunner();
    const live = sut.start(job());
    model.delta('Drink water.');
    model.end({ promptTokens: 9, completionTokens: 3 });
    await live.done;
    expect(counter.count({ role: 'assistant', content: 'Drink water.' })).toBe(3 + 4);
  });

  it('keeps the conversation busy from the start until the end is stored', async () => {
    const { sut, model, registry, messages, job } = newRunner();
    const stored = deferred();
    messages.storeEnd.mockImplementationOnce(() => stored.promise);
    const live = sut.start(job());
    expect(registry.inConversation(CONVERSATION)).toBe(live);
    model.end();
    await settle();
    await settle();
    expect(registry.inConversation(CONVERSATION)).toBe(live);
    stored.resolve();
    await live.done;
    expect(registry.inConversation(CONVERSATION)).toBeUndefined();
  });

  it('drops a prompt the turn’s reads disagree with, unsaid, and answers from the replacement', async () => {
    const { sut, model, emitter, stored, job } = newRunner();
    const check = deferred<BuiltPrompt | undefined>();
    const live = sut.start(job({ check: check.promise }));
    await settle();
    expect(model.calls).toHaveLength(1);
    const replacement = prompt(5);
    check.resolve(replacement);
    while (model.calls.length < 2) await settle();
    expect(model.calls[0].signal.aborted).toBe(true);
    expect(model.calls[1].request).toBe(replacement.request);
    model.delta('From the right history');
    model.end();
    await live.done;
    expect(emitter.named('reply:delta')).toEqual([{ replyId: 'reply-1', seq: 0, text: 'From the right history' }]);
    expect(stored[0]).toMatchObject({ status: 'complete', text: 'From the right history', roleVersion: 5 });
  });

  it('keeps the first call when the reads agree', async () => {
    const { sut, model, job } = newRunner();
    const live = sut.start(job({ check: Promise.resolve(undefined) }));
    model.delta('Fine');
    model.end();
    await live.done;
    expect(model.calls).toHaveLength(1);
    expect(model.calls[0].signal.aborted).toBe(false);
  });

  it('ends the reply failed when the turn’s reads fail, stored and said', async () => {
    const { sut, model, emitter, stored, job } = newRunner();
    const live = sut.start(job({ check: Promise.reject(new Error('database away')) }));
    await live.done;
    expect(model.calls[0].signal.aborted).toBe(true);
    expect(stored[0]).toMatchObject({ status: 'failed', errorCode: 'internal' });
    expect(emitter.named('reply:end')[0]).toMatchObject({ status: 'failed', error: { code: 'internal' } });
  });

  it('gives the stored text to what the instance knows of the conversation', async () => {
    const { sut, model, turns, job } = newRunner();
    const bot = { id: 'bot-1' } as never;
    turns.set(CONVERSATION, bot, [
      { id: 'question-1', role: 'user', text: 'Q', inReplyTo: null },
      { id: 'reply-1', role: 'assistant', text: '', inReplyTo: 'question-1' },
    ]);
    const live = sut.start(job());
    model.delta('The answer');
    model.end();
    await live.done;
    expect(turns.get(CONVERSATION)!.history[1].text).toBe('The answer');
  });
});
