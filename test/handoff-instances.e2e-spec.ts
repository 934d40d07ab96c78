import type { AzureOpenAISimulator } from '../backend/src/llm/simulator';
import { createUser } from './support/accounts';
import { type BotFixture, createBot } from './support/fixtures';
import { describeWithRedis } from './support/redis';
import { connectStaff, staffEvent, staffSession, type StaffSocket } from './support/staff';
import { type InstancePair, startInstancePair } from './support/instance-pair';
import { type TestApp } from './support/test-app';
import { connectVisitor, emitAck, nextEvent, type VisitorSocket } from './support/visitor';

/**
 * A person takes over across instances: the visitor on A, the staff member's console on B, one
 * Redis and one database between them (PROTOCOL §7).
 */
describeWithRedis()('handoff across two instances through Redis', () => {
  let pair: InstancePair;
  let simulator: AzureOpenAISimulator;
  let a: TestApp;
  let b: TestApp;
  let fixture: BotFixture;
  const sockets: (VisitorSocket | StaffSocket)[] = [];

  beforeAll(async () => {
    pair = await startInstancePair('ho');
    ({ a, b, simulator } = pair);
    fixture = await createBot(a.db, { settings: { handoffEnabled: true } });
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await pair?.close();
  });

  it('the staff on B hear the visitor on A, and the visitor on A hears them; a reconnect on B finds the state', async () => {
    const staff = await staffSession(b, (await createUser(b.db, fixture.tenant.id, 'agent')).email);
    const console = await connectStaff(b.url, staff.cookie);
    sockets.push(console);
    const { socket: visitor, session } = await connectVisitor(a.url, { bot: fixture.bot.publicKey });
    sockets.push(visitor);
    const id = session.conversation.id;
    // The console is on B; the visitor on A is told someone can answer (presence asked across instances).
    expect(session.bot.staffed).toBe(true);

    // The visitor's request on A reaches the console on B.
    const waiting = staffEvent(console, 'inbox:update', (p) => p.conversation.id === id && p.conversation.state === 'waiting');
    expect(await emitAck(visitor, 'handoff:request', {})).toEqual({ ok: true, state: 'waiting' });
    await waiting;
    const relayed = staffEvent(console, 'message:new', (p) => p.conversationId === id);
    await emitAck(visitor, 'message:send', { clientId: 'x-1', text: 'Anyone there?' });
    expect((await relayed).message.text).toBe('Anyone there?');

    // The claim and the message on B reach the visitor on A.
    const joined = nextEvent(visitor, 'conversation:state');
    await staff.agent.post(`/api/conversations/${id}/claim`).expect(200);
    expect((await joined).state).toBe('human');
    const said = nextEvent(visitor, 'message:new');
    await staff.agent.post(`/api/conversations/${id}/messages`).send({ text: 'Yes, I am here.' }).expect(201);
    expect((await said).message).toMatchObject({ role: 'agent', text: 'Yes, I am here.' });

    // The visitor comes back on B: the state and the messages are there.
    const again = await connectVisitor(b.url, { bot: fixture.bot.publicKey, visitor: session.visitor });
    sockets.push(again.socket);
    expect(again.session.conversation.state).toBe('human');
    expect(again.session.conversation.messages.map((m) => m.text)).toEqual(['Anyone there?', 'Yes, I am here.']);
  });
});
