import type { WireConversation, WireMessage, WireSource } from '../../../backend/src/chat/widget.events';
import { assemble, emptyConversation, reduce, streamingReply, type ConversationState, type StreamEvent } from './stream';

const conversationId = 'c1';
const session = (messages: WireMessage[]): StreamEvent => ({ type: 'session', conversation: { id: conversationId, state: 'bot', messages } });
const wire = (id: string, role: WireMessage['role'], text: string, status: WireMessage['status'] = 'complete'): WireMessage =>
  ({ id, role, text, status, createdAt: '2026-01-01T00:00:00.000Z' });
const start = (replyId = 'r1'): StreamEvent => ({ type: 'reply:start', event: { replyId, conversationId, inReplyTo: 'u1' } });
const delta = (seq: number, text: string, replyId = 'r1'): StreamEvent => ({ type: 'reply:delta', event: { replyId, seq, text } });
const run = (events: StreamEvent[], from: ConversationState = emptyConversation) => events.reduce(reduce, from);
const reply = (state: ConversationState, id = 'r1') => state.messages.find((m) => m.id === id);

describe('stream assembly', () => {
  it('appends deltas in seq order', () => {
    const state = run([session([]), start(), delta(0, '你好'), delta(1, '，'), delta(2, '世界')]);
    expect(reply(state)).toMatchObject({ role: 'assistant', text: '你好，世界', status: 'streaming' });
    expect(streamingReply(state)?.id).toBe('r1');
  });

  it('ignores a repeated seq', () => {
    const state = run([session([]), start(), delta(0, 'a'), delta(1, 'b'), delta(1, 'b'), delta(0, 'a')]);
    expect(reply(state)?.text).toBe('ab');
  });

  it('buffers a delta after a gap until the gap is filled', () => {
    const gapped = run([session([]), start(), delta(0, 'a'), delta(2, 'c'), delta(3, 'd')]);
    expect(reply(gapped)?.text).toBe('a');
    expect(reply(run([delta(1, 'b')], gapped))?.text).toBe('abcd');
  });

  it('replaces the text with the stored text at reply:end and sets the status', () => {
    const state = run([
      session([]), start(), delta(0, 'a'), delta(2, 'lost'),
      { type: 'reply:end', event: { replyId: 'r1', status: 'stopped', text: 'a b' } },
    ]);
    expect(reply(state)).toMatchObject({ text: 'a b', status: 'stopped' });
    expect(state.assembling).toEqual({});
    expect(streamingReply(state)).toBeUndefined();
    expect(reply(run([delta(3, 'late')], state))?.text).toBe('a b');
  });

  it('keeps the server error of a failed reply', () => {
    const error = { code: 'upstream_unavailable' as const, message: 'Try later.' };
    const state = run([session([]), start(), { type: 'reply:end', event: { replyId: 'r1', status: 'failed', text: '', error } }]);
    expect(reply(state)).toMatchObject({ status: 'failed', error: 'Try later.' });
  });

  it('ignores deltas of replies it does not know and starts of other conversations', () => {
    const state = run([
      session([]),
      { type: 'reply:start', event: { replyId: 'x', conversationId: 'other', inReplyTo: 'u' } },
      delta(0, 'nope', 'x'),
    ]);
    expect(state.messages).toEqual([]);
  });

  it('continues a reply resumed from session, trimming deltas that repeat its text', () => {
    const resumed = run([session([wire('u1', 'user', 'hi'), wire('r1', 'assistant', '你好，世', 'streaming')])]);
    expect(reply(resumed)).toMatchObject({ text: '你好，世', status: 'streaming' });
    const state = run([delta(1, '，'), delta(2, '世'), delta(3, '界'), delta(3, '界')], resumed);
    expect(reply(state)?.text).toBe('你好，世界');
  });

  it('continues exactly from the seq the session gives, even when text repeats', () => {
    // 'ha' + 'ha' + 'ha': overlap trimming alone would swallow a genuine repeat.
    const resumed = run([session([{ ...wire('r1', 'assistant', 'haha', 'streaming'), seq: 2 }])]);
    const state = run([delta(1, 'ha'), delta(2, 'ha'), delta(3, '!')], resumed);
    expect(reply(state)?.text).toBe('hahaha!');
  });

  it('continues a resumed reply without overlap', () => {
    const resumed = run([session([wire('r1', 'assistant', 'Hello', 'streaming')])]);
    expect(reply(run([delta(5, ' there')], resumed))?.text).toBe('Hello there');
  });

  it('keeps its own text when a reconnect session is behind it', () => {
    const live = run([session([]), start(), delta(0, 'a'), delta(1, 'b'), delta(2, 'c')]);
    const again = run([session([wire('r1', 'assistant', 'ab', 'streaming')]), delta(3, 'd')], live);
    expect(reply(again)?.text).toBe('abcd');
  });

  it('keeps deltas that raced ahead of the session snapshot', () => {
    // The snapshot holds 3 deltas; deltas 3 and 4 were delivered just before it.
    const early = run([session([]), delta(3, 'd', 'r9'), delta(4, 'e', 'r9'), delta(1, 'x', 'r9')]);
    expect(early.messages).toEqual([]);
    const resumed = run([session([{ ...wire('r9', 'assistant', 'abc', 'streaming'), seq: 3 }]), delta(5, 'f', 'r9')], early);
    expect(reply(resumed, 'r9')?.text).toBe('abcdef');
  });

  it('keeps deltas that raced ahead of reply:start', () => {
    const state = run([session([]), delta(0, 'He'), delta(1, 'llo'), start(), delta(2, '!')]);
    expect(reply(state)?.text).toBe('Hello!');
  });

  it('drops deltas nobody claimed at the next session', () => {
    const state = run([session([]), delta(0, 'lost', 'r7'), session([])]);
    expect(state.assembling).toEqual({});
  });

  it('assembles from the base alone when there are no deltas', () => {
    expect(assemble({ base: 'x', start: null, chunks: {} })).toBe('x');
  });
});

describe('sending', () => {
  const queued = (clientId: string, text: string): StreamEvent => ({ type: 'queued', clientId, text });

  it('shows the message at once, queued, then sending, and takes the server ids from the ack', () => {
    const waiting = run([session([]), queued('k1', 'hello')]);
    expect(waiting.messages).toEqual([{ id: 'k1', clientId: 'k1', role: 'user', text: 'hello', status: 'queued', at: expect.any(Number) }]);
    const sent = run([{ type: 'sending', clientId: 'k1' }], waiting);
    expect(sent.messages[0].status).toBe('sending');
    const acked = run([{ type: 'acked', clientId: 'k1', messageId: 'm1', replyId: 'r1' }, start(), delta(0, 'hi')], sent);
    expect(acked.messages.map((m) => [m.id, m.role, m.status, m.text])).toEqual([
      ['m1', 'user', 'complete', 'hello'],
      ['r1', 'assistant', 'streaming', 'hi'],
    ]);
  });

  it('puts a message whose ack never came back in the queue', () => {
    const state = run([session([]), queued('k1', 'x'), { type: 'sending', clientId: 'k1' }, { type: 'unsent', clientId: 'k1' }]);
    expect(state.messages[0]).toMatchObject({ clientId: 'k1', status: 'queued' });
  });

  it('drops a rejected message and keeps the error to show', () => {
    const error = { code: 'busy' as const, message: 'Wait for the reply.' };
    const state = run([session([]), queued('k1', 'x'), { type: 'rejected', clientId: 'k1', error }]);
    expect(state.messages).toEqual([]);
    expect(state.error).toEqual(error);
    expect(run([queued('k2', 'y')], state).error).toBeNull();
  });

  it('keeps queued and unacknowledged messages across a new session', () => {
    const pending = run([session([]), queued('k1', 'x'), queued('k2', 'y'), { type: 'sending', clientId: 'k1' }]);
    const state = run([session([wire('u0', 'user', 'earlier')])], pending);
    expect(state.messages.map((m) => [m.id, m.status])).toEqual([['u0', 'complete'], ['k1', 'sending'], ['k2', 'queued']]);
  });

  it('shows a message once when the server had stored it before the connection dropped', () => {
    // The session after the reconnect holds the message; the resend's ack names the same id.
    const pending = run([session([]), queued('k1', 'x'), { type: 'sending', clientId: 'k1' }, { type: 'unsent', clientId: 'k1' }]);
    const back = run([session([wire('m1', 'user', 'x'), wire('r1', 'assistant', 'Hel', 'streaming')])], pending);
    expect(back.messages.map((m) => m.id)).toEqual(['m1', 'r1', 'k1']);
    const acked = run([{ type: 'acked', clientId: 'k1', messageId: 'm1', replyId: 'r1' }], back);
    expect(acked.messages.map((m) => [m.id, m.text, m.status])).toEqual([['m1', 'x', 'complete'], ['r1', 'Hel', 'streaming']]);
  });

  it('replaces a retried reply with the new one, in either order of ack and reply:start', () => {
    const failed = run([session([wire('u1', 'user', 'q'), wire('r1', 'assistant', 'par', 'failed')])]);
    const ackFirst = run([{ type: 'retried', oldId: 'r1', replyId: 'r2' }, start('r2'), delta(0, 'ok', 'r2')], failed);
    const startFirst = run([start('r2'), delta(0, 'ok', 'r2'), { type: 'retried', oldId: 'r1', replyId: 'r2' }], failed);
    for (const state of [ackFirst, startFirst]) {
      expect(state.messages.map((m) => [m.id, m.status, m.text])).toEqual([['u1', 'complete', 'q'], ['r2', 'streaming', 'ok']]);
    }
  });

  it('keeps the truncation flag from the session and from reply:end', () => {
    const resumed = run([session([wire('u1', 'user', 'q'), { ...wire('r1', 'assistant', 'long', 'complete'), truncated: true }])]);
    expect(resumed.messages[1].truncated).toBe(true);
    const live = run([session([]), start(), delta(0, 'ab'), { type: 'reply:end', event: { replyId: 'r1', status: 'complete', text: 'ab', truncated: true } }]);
    expect(reply(live)).toMatchObject({ status: 'complete', text: 'ab', truncated: true });
  });

  it('records a rating and takes it back', () => {
    const done = run([session([wire('u1', 'user', 'q'), { ...wire('r1', 'assistant', 'a'), feedback: 'down' }])]);
    expect(done.messages[1].feedback).toBe('down');
    const rated = run([{ type: 'rated', messageId: 'r1', rating: 'up' }], done);
    expect(rated.messages[1].feedback).toBe('up');
    expect(run([{ type: 'rated', messageId: 'r1', rating: undefined }], rated).messages[1].feedback).toBeUndefined();
  });

  it('replaces everything with a new conversation', () => {
    const busy = run([session([wire('u1', 'user', 'hi')]), start(), delta(0, 'a')]);
    const fresh = run([{ type: 'replace', conversation: { id: 'c2', state: 'bot', messages: [] } }, delta(1, 'b')], busy);
    expect(fresh).toMatchObject({ id: 'c2', messages: [], error: null });
  });
});

describe('sources', () => {
  const doc = (n: number): WireSource => ({ n, sourceId: `s${n}`, title: `Doc ${n}`, url: `https://docs.example/${n}`, excerpt: `Passage ${n}` });
  const sources = (replyId = 'r1', list = [doc(1), doc(2)]): StreamEvent => ({ type: 'reply:sources', event: { replyId, sources: list } });
  const end = (text: string, replyId = 'r1'): StreamEvent => ({ type: 'reply:end', event: { replyId, status: 'complete', text } });

  it('keeps reply:sources on the streaming reply, and after its end', () => {
    const streaming = run([session([]), start(), sources(), delta(0, 'See [1].')]);
    expect(reply(streaming)).toMatchObject({ text: 'See [1].', sources: [doc(1), doc(2)] });
    const done = run([end('See [1].')], streaming);
    expect(reply(done)).toMatchObject({ status: 'complete', sources: [doc(1), doc(2)] });
    expect(done.assembling).toEqual({});
  });

  it('gives no sources to a reply without reply:sources', () => {
    expect(reply(run([session([]), start(), delta(0, 'hi'), end('hi')]))?.sources).toBeUndefined();
  });

  it('keeps sources that raced ahead of reply:start or the ack', () => {
    expect(reply(run([session([]), sources(), start(), delta(0, 'a')]))?.sources).toEqual([doc(1), doc(2)]);
    const sending = run([session([]), { type: 'queued', clientId: 'k1', text: 'q' }, { type: 'sending', clientId: 'k1' }, sources('r5')]);
    const acked = run([{ type: 'acked', clientId: 'k1', messageId: 'm1', replyId: 'r5' }], sending);
    expect(reply(acked, 'r5')?.sources).toEqual([doc(1), doc(2)]);
  });

  it('takes the stored sources of messages from the session', () => {
    const state = run([session([wire('u1', 'user', 'q'), { ...wire('r1', 'assistant', 'Yes [2].'), sources: [doc(2)] }, wire('r2', 'assistant', 'x')])]);
    expect(state.messages.map((m) => m.sources)).toEqual([undefined, [doc(2)], undefined]);
  });

  it('keeps the sources of a streaming reply across a reconnect whose session lacks them', () => {
    const live = run([session([]), start(), sources(), delta(0, 'a')]);
    const back = run([session([{ ...wire('r1', 'assistant', 'a', 'streaming'), seq: 1 }]), delta(1, 'b')], live);
    expect(reply(back)).toMatchObject({ text: 'ab', sources: [doc(1), doc(2)] });
    // A second reconnect still has them, and the end keeps them.
    const again = run([session([{ ...wire('r1', 'assistant', 'ab', 'streaming'), seq: 2 }]), end('abc')], back);
    expect(reply(again)).toMatchObject({ text: 'abc', status: 'complete', sources: [doc(1), doc(2)] });
  });

  it('prefers the sources the session carries, and keeps sources that raced ahead of it', () => {
    const live = run([session([]), start(), sources(), delta(0, 'a')]);
    const stored = run([session([{ ...wire('r1', 'assistant', 'a', 'streaming'), seq: 1, sources: [doc(3)] }])], live);
    expect(reply(stored)?.sources).toEqual([doc(3)]);
    const early = run([session([]), sources('r9')]);
    const resumed = run([session([{ ...wire('r9', 'assistant', 'abc', 'streaming'), seq: 3 }])], early);
    expect(reply(resumed, 'r9')?.sources).toEqual([doc(1), doc(2)]);
  });

  it('does not carry sources over to a finished message the session stored without them', () => {
    const live = run([session([]), start(), sources(), delta(0, 'a')]);
    const back = run([session([wire('r1', 'assistant', 'a')])], live);
    expect(reply(back)?.sources).toBeUndefined();
  });

  it('drops unclaimed sources at the next session and with a new conversation', () => {
    expect(run([session([]), sources('r7'), session([])]).assembling).toEqual({});
    const fresh = run([session([]), start(), sources(), { type: 'replace', conversation: { id: 'c2', state: 'bot', messages: [] } }]);
    expect(fresh).toMatchObject({ messages: [], assembling: {} });
  });
});

describe('human handoff (PROTOCOL §7)', () => {
  const handled = (state: WireConversation['state'], messages: WireMessage[] = [], agent?: { name: string }, id = conversationId): StreamEvent =>
    ({ type: 'session', conversation: { id, state, agent, messages } });
  const to = (state: WireConversation['state'], agent?: { name: string }): StreamEvent => ({ type: 'state', state, agent });
  const agentSays = (id: string, text: string): StreamEvent =>
    ({ type: 'message:new', message: { ...wire(id, 'agent', text), author: { name: 'Li Wei' } } });
  const queued = (clientId: string, text: string): StreamEvent => ({ type: 'queued', clientId, text });
  const acked = (clientId: string, messageId: string, replyId: string | null): StreamEvent => ({ type: 'acked', clientId, messageId, replyId });

  it('takes who answers from the session, and the session again after a reconnect', () => {
    expect(run([handled('human', [], { name: 'Li Wei' })])).toMatchObject({ state: 'human', agent: { name: 'Li Wei' }, back: false });
    // Reconnected after the staff member handed it back: the session is authoritative.
    const back = run([handled('human', [], { name: 'Li Wei' }), handled('bot')]);
    expect(back).toMatchObject({ state: 'bot', agent: undefined, back: true });
    expect(run([handled('waiting'), handled('closed')])).toMatchObject({ state: 'closed', back: false });
    // Another conversation (a new one from another tab): nothing came back.
    expect(run([handled('human'), handled('bot', [], undefined, 'c9')])).toMatchObject({ state: 'bot', back: false });
    expect(run([session([])]).state).toBe('bot');
  });

  it('follows conversation:state, and says when the bot answers again', () => {
    const waiting = run([session([]), to('waiting')]);
    expect(waiting).toMatchObject({ state: 'waiting', back: false });
    const human = run([to('human', { name: 'Li Wei' })], waiting);
    expect(human).toMatchObject({ state: 'human', agent: { name: 'Li Wei' }, back: false });
    const back = run([to('bot')], human);
    expect(back).toMatchObject({ state: 'bot', agent: undefined, back: true });
    // It stays said while the bot answers, until someone is asked for again.
    expect(run([to('bot')], back).back).toBe(true);
    expect(run([to('waiting')], back).back).toBe(false);
    // A wait given up is a return to the bot too; a plain start is not.
    expect(run([to('bot')], waiting).back).toBe(true);
    expect(run([session([]), to('bot')]).back).toBe(false);
    // A new conversation starts with the bot, with nothing to say about it.
    expect(run([{ type: 'replace', conversation: { id: 'c2', state: 'bot', messages: [] } }], back)).toMatchObject({ id: 'c2', state: 'bot', back: false });
  });

  it('appends a staff member’s message with its author, once per id', () => {
    const state = run([session([wire('u1', 'user', 'help')]), to('human', { name: 'Li Wei' }), agentSays('a1', 'Hello, **I can help**')]);
    expect(state.messages.map((m) => [m.id, m.role, m.text])).toEqual([['u1', 'user', 'help'], ['a1', 'agent', 'Hello, **I can help**']]);
    expect(state.messages[1].author).toEqual({ name: 'Li Wei' });
    const again = run([agentSays('a1', 'Hello, **I can help**')], state);
    expect(again.messages).toHaveLength(2);
    // The same id again (an edit, or a message also in a later session) replaces it where it is.
    const edited = run([agentSays('a1', 'Hello again'), agentSays('a2', 'Anything else?')], state);
    expect(edited.messages.map((m) => [m.id, m.text])).toEqual([['u1', 'help'], ['a1', 'Hello again'], ['a2', 'Anything else?']]);
  });

  it('keeps a staff member’s message from the session as an agent message', () => {
    const state = run([handled('human', [wire('u1', 'user', 'q'), { ...wire('a1', 'agent', 'hi'), author: { name: 'Li Wei' } }], { name: 'Li Wei' })]);
    expect(state.messages[1]).toMatchObject({ id: 'a1', role: 'agent', author: { name: 'Li Wei' } });
  });

  it('lets a rule’s fixed answer stand in for the reply the send announced', () => {
    const sent = run([session([]), queued('k1', 'price?'), { type: 'sending', clientId: 'k1' }, acked('k1', 'u1', 'r1')]);
    expect(streamingReply(sent)?.id).toBe('r1');
    const answered = run([{ type: 'message:new', message: wire('r1', 'assistant', 'See /pricing') }], sent);
    expect(answered.messages.map((m) => [m.id, m.role, m.text, m.status])).toEqual([['u1', 'user', 'price?', 'complete'], ['r1', 'assistant', 'See /pricing', 'complete']]);
    expect(answered.assembling).toEqual({});
    expect(streamingReply(answered)).toBeUndefined();
    // Before the ack: the ack then adds no placeholder for it.
    const early = run([session([]), queued('k1', 'price?'), { type: 'message:new', message: wire('r1', 'assistant', 'See /pricing') }, acked('k1', 'u1', 'r1')]);
    expect(early.messages.map((m) => m.id)).toEqual(['u1', 'r1']);
    expect(streamingReply(early)).toBeUndefined();
  });

  it('expects no reply to a send acked with replyId null (a person answers)', () => {
    const state = run([handled('human'), queued('k1', 'are you there?'), { type: 'sending', clientId: 'k1' }, acked('k1', 'u1', null)]);
    expect(state.messages).toEqual([expect.objectContaining({ id: 'u1', role: 'user', status: 'complete', text: 'are you there?' })]);
    expect(state.assembling).toEqual({});
    expect(streamingReply(state)).toBeUndefined();
  });
});

describe('message times', () => {
  const queued = (clientId: string, text: string): StreamEvent => ({ type: 'queued', clientId, text });
  it('takes the stored time of messages from the server, and this device’s time for those made here', () => {
    const before = Date.now();
    const state = run([session([wire('u1', 'user', 'hi'), { ...wire('a1', 'agent', 'hello'), createdAt: '2026-01-01T00:07:30.000Z' }]), queued('k2', 'more'), start('r2')]);
    const at = Object.fromEntries(state.messages.map((m) => [m.id, m.at]));
    expect([at.u1, at.a1]).toEqual([Date.parse('2026-01-01T00:00:00.000Z'), Date.parse('2026-01-01T00:07:30.000Z')]);
    expect(at.k2).toBeGreaterThanOrEqual(before);
    expect(at.r2).toBeGreaterThanOrEqual(at.k2!);
    const pushed = run([{ type: 'message:new', message: { ...wire('a2', 'agent', 'later'), createdAt: '2026-01-02T09:00:00.000Z' } }], state);
    expect(pushed.messages.at(-1)?.at).toBe(Date.parse('2026-01-02T09:00:00.000Z'));
  });

  it('keeps deltas that raced ahead of a conversation opened again', () => {
    const early = run([session([]), delta(0, 'Hel', 'r9')]);
    const opened = run([{ type: 'replace', conversation: { id: 'c0', state: 'bot', messages: [{ ...wire('r9', 'assistant', '', 'streaming'), seq: 0 }] } }], early);
    expect(opened.messages[0]).toMatchObject({ id: 'r9', text: 'Hel', status: 'streaming' });
    expect(run([delta(1, 'lo', 'r9')], opened).messages[0].text).toBe('Hello');
  });
});
