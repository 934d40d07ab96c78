import { createUser } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { connectStaff, staffEvent, staffSession, type StaffSocket } from './support/staff';
import { collectReply, emitAck, nextEvent, type VisitorSocket } from './support/visitor';

type Session = Awaited<ReturnType<typeof staffSession>>;
type SendAck = { ok: true; messageId: string; replyId: string | null };

/** Rules before the model, the model handing over, and messages left when nobody can answer (PROTOCOL §7). */
describe('handoff: rules, the model handing over, offline messages', () => {
  const h = chatHarness({ env: { RATE_VISITOR_OFFLINE_MESSAGES_PER_HOUR: '2' }, settings: { handoffEnabled: true } });
  let owner: Session;
  let agent: Session;
  let botId: string;
  const sockets: StaffSocket[] = [];
  const send = async (socket: VisitorSocket, clientId: string, text: string) => (await emitAck(socket, 'message:send', { clientId, text })) as SendAck;

  beforeAll(async () => {
    botId = h.fixture.bot.id;
    owner = await staffSession(h.app, (await createUser(h.app.db, h.fixture.tenant.id, 'owner')).email);
    agent = await staffSession(h.app, (await createUser(h.app.db, h.fixture.tenant.id, 'agent')).email);
  });

  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  it('refuses rules that cannot work, naming the rule and the reason; agents read but do not write', async () => {
    const bad = await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules: [{ match: { keywords: ['ok'] }, action: 'alert' }, { match: { pattern: '(refund' }, action: 'alert' }] }).expect(400);
    expect(bad.body.message).toMatch(/rules\.1\.match\.pattern: invalid pattern: .*\)/);
    const lookaround = await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules: [{ match: { pattern: 'a(?=b)' }, action: 'alert' }] }).expect(400);
    expect(lookaround.body.message).toMatch(/rules\.0\.match\.pattern: invalid pattern/);
    expect((await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules: [{ match: { keywords: ['x'] }, action: 'answer' }] }).expect(400)).body.message).toMatch(/rules\.0\.answer: an answer rule needs its answer/);
    expect((await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules: [{ match: {}, action: 'alert' }] }).expect(400)).body.message).toMatch(/keywords or a pattern/);
    await agent.agent.put(`/api/bots/${botId}/rules`).send({ rules: [] }).expect(403);
    expect((await agent.agent.get(`/api/bots/${botId}/rules`).expect(200)).body).toEqual({ rules: [] });
  });

  it('answers from a rule without the model, hands over on another, alerts the staff on a third', async () => {
    const rules = [
      { match: { keywords: ['胸痛', 'chest pain'] }, action: 'handoff', answer: '如有胸痛，请立即拨打 120。' },
      { match: { pattern: '^(refund|退款)' }, action: 'answer', answer: 'Refunds reach your card within 5 working days.' },
      { match: { keywords: ['complaint'] }, action: 'alert' },
      // Catastrophic backtracking in a backtracking engine; linear in RE2.
      { match: { pattern: '^(a+)+$' }, action: 'alert' },
    ];
    expect((await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules }).expect(200)).body.rules).toEqual(rules);
    const staff = await connectStaff(h.app.url, agent.cookie);
    sockets.push(staff);

    // A fixed answer: stored, sent as message:new, no model call.
    const { socket: visitor, session } = await h.visitor();
    const requests = h.simulator.requests.length;
    const answer = nextEvent(visitor, 'message:new');
    const ack = await send(visitor, 'r-1', 'Refund: how long does it take?');
    expect(ack.replyId).toBeNull();
    expect((await answer).message).toMatchObject({ role: 'assistant', text: 'Refunds reach your card within 5 working days.' });
    expect(h.simulator.requests.length).toBe(requests);
    const stored = (await owner.agent.get(`/api/conversations/${session.conversation.id}`).expect(200)).body.messages;
    expect(stored.map((m: { role: string; text: string }) => [m.role, m.text])).toEqual([
      ['user', 'Refund: how long does it take?'],
      ['assistant', 'Refunds reach your card within 5 working days.'],
    ]);

    // An alert: the staff are told, the bot still answers.
    const alerted = staffEvent(staff, 'rule:alert', (p) => p.conversation.id === session.conversation.id);
    const reply = collectReply(visitor);
    expect((await send(visitor, 'r-2', 'I have a complaint about my order')).replyId).toEqual(expect.any(String));
    expect((await alerted).text).toBe('I have a complaint about my order');
    expect((await reply).end.status).toBe('complete');

    // A pattern that would backtrack for ages is matched in linear time: the turn goes on.
    const slow = collectReply(visitor);
    expect((await send(visitor, 'r-3', 'a'.repeat(1500) + '!')).ok).toBe(true);
    expect((await slow).end.status).toBe('complete');

    // A handoff: the emergency answer, then waiting, and the staff are told.
    const waiting = staffEvent(staff, 'inbox:update', (p) => p.conversation.id === session.conversation.id && p.conversation.state === 'waiting');
    const emergency = nextEvent(visitor, 'message:new');
    const state = nextEvent(visitor, 'conversation:state');
    expect((await send(visitor, 'r-4', '我有点胸痛')).replyId).toBeNull();
    expect((await emergency).message.text).toBe('如有胸痛，请立即拨打 120。');
    expect(await state).toEqual({ state: 'waiting' });
    await waiting;
    await owner.agent.put(`/api/bots/${botId}/rules`).send({ rules: [] }).expect(200);
  });

  it('hands over when the model says it cannot help: the visitor reads a notice, the staff are told', async () => {
    const staff = await connectStaff(h.app.url, agent.cookie);
    sockets.push(staff);
    const { socket: visitor, session } = await h.visitor();
    const told = staffEvent(staff, 'inbox:update', (p) => p.conversation.id === session.conversation.id && p.conversation.state === 'waiting');
    const state = nextEvent(visitor, 'conversation:state');
    const reply = collectReply(visitor);
    await send(visitor, 'm-1', 'Can I talk to a human please?');
    const { end, deltas } = await reply;
    expect(end).toMatchObject({ status: 'complete', text: "I'll get a person to help you; please wait a moment." });
    expect(deltas.map((d) => d.text).join('')).not.toContain('[[');
    expect(await state).toEqual({ state: 'waiting' });
    await told;
  });

  it('outside office hours nobody is staffed: the visitor leaves a message, the staff list it and mark it handled', async () => {
    // Open one minute a week, at a time that is not now.
    const now = new Date();
    const day = (now.getUTCDay() + 3) % 7;
    await owner.agent.patch(`/api/bots/${botId}`).send({ settings: { officeHours: { timezone: 'UTC', weekly: [{ day, from: '03:00', to: '03:01' }] } } }).expect(200);
    const staff = await connectStaff(h.app.url, agent.cookie);
    sockets.push(staff);
    const { socket: visitor, session } = await h.visitor();
    expect(session.bot).toMatchObject({ handoff: true, staffed: false, officeHours: { timezone: 'UTC', weekly: [{ day, from: '03:00', to: '03:01' }] } });
    expect(await emitAck(visitor, 'offline:message', { email: 'not-an-email', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await emitAck(visitor, 'offline:message', { email: 'ann@example.com', text: '' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await emitAck(visitor, 'offline:message', { email: 'ann@example.com', text: 'Please call me back about my appointment.' })).toEqual({ ok: true });
    const listed = (await agent.agent.get('/api/offline-messages').expect(200)).body.messages;
    expect(listed[0]).toMatchObject({ email: 'ann@example.com', text: 'Please call me back about my appointment.', conversationId: session.conversation.id, handledAt: null, handledBy: null });
    const handled = (await agent.agent.post(`/api/offline-messages/${listed[0].id}/handled`).expect(200)).body.message;
    expect(handled).toMatchObject({ handledAt: expect.any(String), handledBy: { name: expect.any(String) } });
    // Bounded per visitor.
    expect(await emitAck(visitor, 'offline:message', { email: 'ann@example.com', text: 'again' })).toEqual({ ok: true });
    expect(await emitAck(visitor, 'offline:message', { email: 'ann@example.com', text: 'and again' })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await owner.agent.patch(`/api/bots/${botId}`).send({ settings: { officeHours: null } }).expect(200);
  });

  it('validates office hours and names the problem', async () => {
    const res = await owner.agent.patch(`/api/bots/${botId}`).send({ settings: { officeHours: { timezone: 'Mars/Olympus', weekly: [{ day: 1, from: '18:00', to: '09:00' }] } } }).expect(400);
    expect(res.body.message).toMatch(/settings\.officeHours\.timezone: must be an IANA time zone/);
    expect(res.body.message).toMatch(/from must be before to/);
  });

  it('refuses a visitor asking for a person where the bot does not allow it', async () => {
    await owner.agent.patch(`/api/bots/${botId}`).send({ settings: { handoffEnabled: false } }).expect(200);
    const { socket: visitor, session } = await h.visitor();
    expect(session.bot).toMatchObject({ handoff: false, staffed: false });
    expect(await emitAck(visitor, 'handoff:request', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await owner.agent.patch(`/api/bots/${botId}`).send({ settings: { handoffEnabled: true } }).expect(200);
  });
});
