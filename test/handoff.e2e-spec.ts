import type { ConversationStateEvent, MessageNewEvent, TypingEvent } from '../backend/src/chat/widget.events';
import { createTenantWithStaff, createUser } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { connectStaff, staffEvent, staffSession, type StaffSocket } from './support/staff';
import { collectReply, emitAck, nextEvent, type VisitorSocket } from './support/visitor';

type Session = Awaited<ReturnType<typeof staffSession>>;

/** A person takes over: the visitor asks, the staff are told live, claim, write, hand back (PROTOCOL §7). */
describe('handoff: a person takes over', () => {
  const h = chatHarness({ settings: { handoffEnabled: true } });
  let owner: Session;
  let agent: Session;
  let stranger: Session;
  let ownerEmail: string;
  const sockets: StaffSocket[] = [];

  const staffSocket = async (s: Session) => {
    const socket = await connectStaff(h.app.url, s.cookie);
    sockets.push(socket);
    return socket;
  };
  const visitorSends = async (socket: VisitorSocket, clientId: string, text: string) =>
    (await emitAck<{ messageId: string; replyId: string | null }>(socket, 'message:send', { clientId, text })) as { ok: true; messageId: string; replyId: string | null };

  beforeAll(async () => {
    const tenantId = h.fixture.tenant.id;
    const o = await createUser(h.app.db, tenantId, 'owner');
    const a = await createUser(h.app.db, tenantId, 'agent');
    ownerEmail = o.email;
    owner = await staffSession(h.app, o.email);
    agent = await staffSession(h.app, a.email);
    const other = await createTenantWithStaff(h.app.db);
    stranger = await staffSession(h.app, other.owner.email);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  it('says in the session whether a person can be asked for, and whether someone is online', async () => {
    const before = await h.visitor();
    expect(before.session.bot).toMatchObject({ handoff: true, staffed: false, officeHours: null });
    expect(before.session.conversation.state).toBe('bot');
    // Another console of the tenant is told when a colleague comes online.
    const watching = await staffSocket(owner);
    const cameOnline = staffEvent(watching, 'presence:update', (p) => p.staff.filter((s) => s.online).length === 2);
    await staffSocket(agent);
    await cameOnline;
    const { body } = await agent.agent.get('/api/inbox').expect(200);
    expect(body.staff.filter((s: { online: boolean }) => s.online)).toHaveLength(2);
    // A visitor arriving now is told someone can answer.
    const after = await h.visitor();
    expect(after.session.bot.staffed).toBe(true);
  });

  it('visitor asks for a person: waiting, the staff notified live; claim, reply, typing; back to the bot', async () => {
    const console = await staffSocket(agent);
    const { socket: visitor, session } = await h.visitor();
    const conversationId = session.conversation.id;
    // One turn with the bot first: the staff will see the model's earlier answer.
    const first = collectReply(visitor);
    await visitorSends(visitor, 'h-1', 'Hello, how do I book?');
    await first;

    const waitingForStaff = staffEvent(console, 'inbox:update', (p) => p.conversation.id === conversationId && p.conversation.state === 'waiting');
    const stateForVisitor = nextEvent(visitor, 'conversation:state');
    const asked = await emitAck<{ state: string }>(visitor, 'handoff:request', {});
    expect(asked).toEqual({ ok: true, state: 'waiting' });
    expect(await stateForVisitor).toEqual({ state: 'waiting' });
    const update = await waitingForStaff;
    expect(update.conversation.visitor.earlierConversations).toBe(0);
    expect(update.conversation.waitingSince).not.toBeNull();

    // While waiting, the visitor's message is stored, goes to the staff, and no model answers.
    const requestsBefore = h.simulator.requests.length;
    const relayed = staffEvent(console, 'message:new', (p) => p.conversationId === conversationId);
    const ack = await visitorSends(visitor, 'h-2', 'I would like to talk to someone about my bill');
    expect(ack.replyId).toBeNull();
    expect((await relayed).message).toMatchObject({ role: 'user', text: 'I would like to talk to someone about my bill' });
    expect(h.simulator.requests.length).toBe(requestsBefore);

    // The inbox lists it with the unread message; the transcript holds the model's earlier answer.
    const inbox = (await agent.agent.get('/api/inbox').expect(200)).body.conversations;
    const row = inbox.find((c: { id: string }) => c.id === conversationId);
    expect(row).toMatchObject({ state: 'waiting', unread: 1, assignee: null });
    const transcript = (await agent.agent.get(`/api/conversations/${conversationId}`).expect(200)).body;
    expect(transcript.conversation).toMatchObject({ state: 'waiting', assignee: null });
    expect(transcript.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant', 'user']);

    // Claim: the visitor sees who joined.
    const joined = nextEvent(visitor, 'conversation:state');
    const claimed = (await agent.agent.post(`/api/conversations/${conversationId}/claim`).expect(200)).body.conversation;
    expect(claimed).toMatchObject({ state: 'human', assignee: { name: expect.any(String) } });
    expect(await joined).toEqual({ state: 'human', agent: { name: claimed.assignee.name } });

    // Typing, then a message, both live to the visitor.
    const typing = nextEvent(visitor, 'typing');
    console.emit('typing', { conversationId, on: true });
    expect(await typing).toEqual({ on: true } satisfies TypingEvent);
    const said = nextEvent(visitor, 'message:new');
    const { body: sent } = await agent.agent.post(`/api/conversations/${conversationId}/messages`).send({ text: 'Hi, I can help with your bill.' }).expect(201);
    expect(sent.message).toMatchObject({ role: 'agent', text: 'Hi, I can help with your bill.', author: { name: claimed.assignee.name } });
    expect(((await said) as MessageNewEvent).message).toMatchObject({ id: sent.message.id, role: 'agent', author: { name: claimed.assignee.name } });

    // A reconnecting visitor finds all of it in the session.
    const again = await h.visitor({ token: session.visitor });
    expect(again.session.conversation).toMatchObject({ state: 'human', agent: { name: claimed.assignee.name } });
    expect(again.session.conversation.messages.at(-1)).toMatchObject({ role: 'agent', text: 'Hi, I can help with your bill.' });

    // Back to the bot: the next message is answered by the model again.
    const back = nextEvent(visitor, 'conversation:state');
    await agent.agent.post(`/api/conversations/${conversationId}/release`).expect(200);
    expect((await back) as ConversationStateEvent).toEqual({ state: 'bot' });
    const reply = collectReply(visitor);
    const afterAck = await visitorSends(visitor, 'h-3', 'Thanks! And what are your opening hours?');
    expect(afterAck.replyId).toEqual(expect.any(String));
    expect((await reply).end.status).toBe('complete');
    // The model's history holds the person's message too.
    const lastRequest = h.simulator.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(lastRequest.messages.map((m) => m.content)).toContain('Hi, I can help with your bill.');
  });

  it('two staff members claiming at once: one wins, the other is told who has it', async () => {
    const { socket: visitor, session } = await h.visitor();
    await emitAck(visitor, 'handoff:request', {});
    const id = session.conversation.id;
    const [a, b] = await Promise.all([agent.agent.post(`/api/conversations/${id}/claim`), owner.agent.post(`/api/conversations/${id}/claim`)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.message).toMatch(/handled by /);
    // The loser cannot write either; the winner can.
    const winner = a.status === 200 ? agent : owner;
    const other = a.status === 200 ? owner : agent;
    await other.agent.post(`/api/conversations/${id}/messages`).send({ text: 'me too' }).expect(409);
    await winner.agent.post(`/api/conversations/${id}/messages`).send({ text: 'I have it' }).expect(201);
  });

  it('keeps every inbox route and the /staff room to the tenant', async () => {
    const { socket: visitor, session } = await h.visitor();
    await emitAck(visitor, 'handoff:request', {});
    const id = session.conversation.id;
    for (const [method, path, body] of [
      ['post', `/api/conversations/${id}/claim`, {}],
      ['post', `/api/conversations/${id}/messages`, { text: 'hello from elsewhere' }],
      ['post', `/api/conversations/${id}/release`, {}],
      ['post', `/api/conversations/${id}/close`, {}],
      ['get', `/api/conversations/${id}`, undefined],
    ] as const) {
      const res = await (stranger.agent as unknown as Record<string, (p: string) => { send(b?: object): Promise<{ status: number }> }>)[method](path).send(body);
      expect([method, path, res.status]).toEqual([method, path, 404]);
    }
    expect((await stranger.agent.get('/api/inbox').expect(200)).body.conversations.map((c: { id: string }) => c.id)).not.toContain(id);
    // The stranger's console hears nothing of this tenant.
    const theirs = await staffSocket(stranger);
    const heard: unknown[] = [];
    theirs.onAny((...args) => heard.push(args));
    const ours = await staffSocket(owner);
    const seen = staffEvent(ours, 'message:new', (p) => p.conversationId === id);
    await visitorSends(visitor, 'iso-1', 'are you there?');
    await seen;
    expect(heard.filter((e) => JSON.stringify(e).includes(id))).toEqual([]);
  });

  it('refuses a /staff handshake without a session or from another site', async () => {
    await expect(connectStaff(h.app.url, null)).rejects.toThrow('unauthorized');
    await expect(connectStaff(h.app.url, owner.cookie, 'https://evil.example')).rejects.toThrow('origin_not_allowed');
    await expect(connectStaff(h.app.url, 'cc_session=forged-token')).rejects.toThrow('unauthorized');
  });

  it('validates and bounds staff messages', async () => {
    const { socket: visitor, session } = await h.visitor();
    await emitAck(visitor, 'handoff:request', {});
    const id = session.conversation.id;
    expect((await owner.agent.post(`/api/conversations/${id}/messages`).send({ text: '' }).expect(400)).body.message).toMatch(/text/);
    expect((await owner.agent.post(`/api/conversations/${id}/messages`).send({ text: 'x'.repeat(2001) }).expect(400)).body.message).toMatch(/2000/);
    expect((await owner.agent.post(`/api/conversations/${id}/messages`).send({ text: 'ok', extra: 1 }).expect(400)).body.message).toMatch(/extra|Unrecognized/i);
    void ownerEmail;
  });
});
