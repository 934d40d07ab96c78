import { createHmac, randomUUID } from 'node:crypto';
import { Bot } from '../backend/src/bots/bot.entity';
import { Visitor } from '../backend/src/chat/visitor.entity';
import { createTenantWithStaff, createUser, PASSWORD, signIn } from './support/accounts';
import { chatHarness } from './support/chat-harness';
import { SITE } from './support/fixtures';
import { collectReply, connectVisitor, emitAck, refusal, VisitorSocket } from './support/visitor';

type Browser = Awaited<ReturnType<typeof signIn>>;

/** What a site's server computes: hex HMAC-SHA256 of the user's id, keyed with the secret as shown. */
const hashOf = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');

describe('verified identity (identify with a hash)', () => {
  // Many handshakes from one address in a minute; the limits have tests of their own.
  const h = chatHarness({ env: { RATE_IP_CONNECTIONS_PER_MINUTE: '100000', RATE_IP_NEW_VISITORS_PER_HOUR: '100000' } });
  let owner: Browser;
  let agent: Browser;
  let otherOwner: Browser;
  const opened: VisitorSocket[] = [];

  const visitors = () => h.app.db.getRepository(Visitor);
  const holder = (botId: string, externalId: string) => visitors().findOneBy({ botId, externalId });
  const rotate = async (botId: string): Promise<string> => {
    const res = await owner.post(`/api/bots/${botId}/identity-secret`).expect(201);
    return res.body.secret;
  };
  /** A bot of the fixture's tenant, allowed on SITE, made through the API. */
  const newBot = async (): Promise<{ id: string; publicKey: string }> =>
    (await owner.post('/api/bots').send({ name: 'Members only', allowedOrigins: [SITE], systemPrompt: 'You help members.' }).expect(201)).body;
  const connect = async (bot: string, opts: { visitor?: string; identity?: unknown } = {}) => {
    const connected = await connectVisitor(h.app.url, { bot, ...opts });
    opened.push(connected.socket);
    return connected;
  };
  /** One visitor message and its whole answer, so the conversation is in the staff list. */
  const say = async (socket: VisitorSocket, text: string) => {
    const done = collectReply(socket);
    const ack = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: randomUUID(), text });
    expect(ack.ok).toBe(true);
    await done;
  };

  beforeAll(async () => {
    const ownerUser = await createUser(h.app.db, h.fixture.tenant.id, 'owner');
    const agentUser = await createUser(h.app.db, h.fixture.tenant.id, 'agent');
    const other = await createTenantWithStaff(h.app.db);
    owner = await signIn(h.app, ownerUser.email, PASSWORD);
    agent = await signIn(h.app, agentUser.email, PASSWORD);
    otherOwner = await signIn(h.app, other.owner.email, PASSWORD);
  });

  afterEach(() => opened.splice(0).forEach((s) => s.disconnect()));

  describe('the identity secret', () => {
    it('is made by the owner, shown once, and stored only encrypted', async () => {
      const bot = await newBot();
      expect((await owner.get(`/api/bots/${bot.id}`).expect(200)).body.identity).toEqual({ secretSet: false, required: false });

      const res = await owner.post(`/api/bots/${bot.id}/identity-secret`).expect(201);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), identity: { secretSet: true, required: false } });
      const secret: string = res.body.secret;

      const view = await owner.get(`/api/bots/${bot.id}`).expect(200);
      expect(view.body.identity).toEqual({ secretSet: true, required: false });
      expect(view.text).not.toContain(secret);
      expect((await owner.get('/api/bots').expect(200)).text).not.toContain(secret);

      const [row] = await h.app.db.query(`SELECT identity_secret_encrypted AS sealed FROM bots WHERE id = $1`, [bot.id]);
      expect(row.sealed).toMatch(/^v1\./);
      for (const form of [secret, secret.toUpperCase(), Buffer.from(secret, 'hex').toString('base64url'), Buffer.from(secret).toString('base64url')]) {
        expect(row.sealed).not.toContain(form);
      }

      // Rotating gives another secret and seals it afresh.
      const next = await rotate(bot.id);
      expect(next).not.toBe(secret);
      const [after] = await h.app.db.query(`SELECT identity_secret_encrypted AS sealed FROM bots WHERE id = $1`, [bot.id]);
      expect(after.sealed).not.toBe(row.sealed);
    });

    it('is the owner’s to make: an agent is refused, another tenant finds no such bot', async () => {
      const bot = await newBot();
      await agent.post(`/api/bots/${bot.id}/identity-secret`).expect(403);
      await otherOwner.post(`/api/bots/${bot.id}/identity-secret`).expect(404);
      await owner.post(`/api/bots/${randomUUID()}/identity-secret`).expect(404);
      await owner.post('/api/bots/not-a-uuid/identity-secret').expect(400);
      expect((await agent.get(`/api/bots/${bot.id}`).expect(200)).body.identity).toEqual({ secretSet: false, required: false });
      expect((await h.app.db.getRepository(Bot).findOneByOrFail({ id: bot.id })).identitySecretEncrypted).toBeNull();
    });

    it('must exist before requireIdentity can be turned on', async () => {
      const bot = await newBot();
      const refused = await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: true } }).expect(400);
      expect(refused.body.message).toMatch(/^settings\.requireIdentity: /);
      const created = await owner.post('/api/bots').send({ name: 'x', settings: { requireIdentity: true } }).expect(400);
      expect(created.body.message).toMatch(/^settings\.requireIdentity: /);
      expect((await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: 'yes' } }).expect(400)).body.message).toMatch(/requireIdentity/);
      await agent.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: false } }).expect(403);
      // Turning it off, or leaving it off, is always fine.
      await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: false } }).expect(200);

      await rotate(bot.id);
      const on = await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: true } }).expect(200);
      expect(on.body.identity).toEqual({ secretSet: true, required: true });
      expect(on.body.settings.requireIdentity).toBe(true);
    });
  });

  describe('the handshake, where identity is optional', () => {
    let secret: string;
    let botId: string;
    let key: string;

    beforeAll(async () => {
      botId = h.fixture.bot.id;
      key = h.fixture.bot.publicKey;
      secret = await rotate(botId);
    });

    it('binds a verified visitor, and another device of theirs continues the same conversation', async () => {
      const identity = { id: 'u-ann', name: 'Ann', email: 'ann@example.com', hash: hashOf(secret, 'u-ann') };
      const laptop = await connect(key, { identity });
      await say(laptop.socket, 'Hello from the laptop');
      const stored = await holder(botId, 'u-ann');
      expect(stored).toMatchObject({ name: 'Ann', email: 'ann@example.com', verifiedAt: expect.any(Date) });

      // Another device: no visitor token, the same identity, a new name; the email left out is kept.
      const phone = await connect(key, { identity: { id: 'u-ann', name: 'Ann Lee', hash: hashOf(secret, 'u-ann').toUpperCase() } });
      expect(phone.session.conversation.id).toBe(laptop.session.conversation.id);
      expect(phone.session.conversation.messages.map((m) => m.text)).toContain('Hello from the laptop');
      const again = await holder(botId, 'u-ann');
      expect(again).toMatchObject({ id: stored!.id, name: 'Ann Lee', email: 'ann@example.com' });
      expect(again!.verifiedAt!.getTime()).toBeGreaterThanOrEqual(stored!.verifiedAt!.getTime());
      expect(await visitors().countBy({ botId, externalId: 'u-ann' })).toBe(1);
    });

    it('binds the anonymous visitor of the token when the user signs in', async () => {
      const anonymous = await connect(key);
      await say(anonymous.socket, 'Before signing in');
      const signedIn = await connect(key, { visitor: anonymous.session.visitor, identity: { id: 'u-bob', hash: hashOf(secret, 'u-bob') } });
      expect(signedIn.session.conversation.id).toBe(anonymous.session.conversation.id);
      const bob = await holder(botId, 'u-bob');
      expect(bob).toMatchObject({ name: null, email: null });
      const [{ visitor_id: visitorId }] = await h.app.db.query(`SELECT visitor_id FROM conversations WHERE id = $1`, [anonymous.session.conversation.id]);
      expect(bob!.id).toBe(visitorId);
    });

    it('continues as the user who already has a visitor, leaving the token’s anonymous one alone', async () => {
      const first = await connect(key, { identity: { id: 'u-cy', hash: hashOf(secret, 'u-cy') } });
      await say(first.socket, 'Cy on the first device');
      const anonymous = await connect(key);
      const signedIn = await connect(key, { visitor: anonymous.session.visitor, identity: { id: 'u-cy', hash: hashOf(secret, 'u-cy') } });
      expect(signedIn.session.conversation.id).toBe(first.session.conversation.id);
      const [{ visitor_id: anonymousId }] = await h.app.db.query(`SELECT visitor_id FROM conversations WHERE id = $1`, [anonymous.session.conversation.id]);
      expect(await visitors().findOneByOrFail({ id: anonymousId })).toMatchObject({ externalId: null, name: null, email: null });
    });

    it('gives two devices signing in at once the same visitor', async () => {
      const identity = { id: 'u-race', hash: hashOf(secret, 'u-race') };
      const [a, b] = await Promise.all([connect(key, { identity }), connect(key, { identity })]);
      expect(a.session.conversation.id).toBe(b.session.conversation.id);
      expect(await visitors().countBy({ botId, externalId: 'u-race' })).toBe(1);
    });

    it('treats a wrong hash as no identity: the visitor is anonymous and gets nobody’s conversations', async () => {
      const annConversation = (await connect(key, { identity: { id: 'u-ann', hash: hashOf(secret, 'u-ann') } })).session.conversation.id;
      for (const hash of [hashOf(secret, 'u-someone-else'), hashOf('f'.repeat(64), 'u-ann'), undefined]) {
        const impostor = await connect(key, { identity: { id: 'u-ann', name: 'Mallory', email: 'mallory@example.com', hash } });
        expect(impostor.session.conversation.id).not.toBe(annConversation);
        expect(impostor.session.conversation.messages).toEqual([]);
      }
      expect(await holder(botId, 'u-ann')).toMatchObject({ name: 'Ann Lee', email: 'ann@example.com' });
      expect(await visitors().countBy({ name: 'Mallory' })).toBe(0);
    });

    it('does not let a signed-in user’s token in without their identity', async () => {
      const dee = await connect(key, { identity: { id: 'u-dee', hash: hashOf(secret, 'u-dee') } });
      await say(dee.socket, 'Dee’s question');
      const signedOut = await connect(key, { visitor: dee.session.visitor });
      expect(signedOut.session.conversation.id).not.toBe(dee.session.conversation.id);
      expect(signedOut.session.conversation.messages).toEqual([]);
      const someoneElse = await connect(key, { visitor: dee.session.visitor, identity: { id: 'u-eve', hash: hashOf(secret, 'u-eve') } });
      expect(someoneElse.session.conversation.id).not.toBe(dee.session.conversation.id);
      expect((await holder(botId, 'u-dee'))!.id).not.toBe((await holder(botId, 'u-eve'))!.id);
      // With the identity again, the token and the identity agree.
      const back = await connect(key, { visitor: dee.session.visitor, identity: { id: 'u-dee', hash: hashOf(secret, 'u-dee') } });
      expect(back.session.conversation.id).toBe(dee.session.conversation.id);
    });

    it('stops verifying old hashes once the secret is rotated', async () => {
      const bot = await newBot();
      const old = await rotate(bot.id);
      const before = await connect(bot.publicKey, { identity: { id: 'u-rot', hash: hashOf(old, 'u-rot') } });
      const fresh = await rotate(bot.id);
      const stale = await connect(bot.publicKey, { identity: { id: 'u-rot', hash: hashOf(old, 'u-rot') } });
      expect(stale.session.conversation.id).not.toBe(before.session.conversation.id);
      const current = await connect(bot.publicKey, { identity: { id: 'u-rot', hash: hashOf(fresh, 'u-rot') } });
      expect(current.session.conversation.id).toBe(before.session.conversation.id);
    });

    it.each([
      ['__proto__ carrying the fields', () => JSON.parse(`{"__proto__":{"id":"u-ann","hash":"${hashOf(secret, 'u-ann')}"}}`)],
      ['__proto__ beside them', () => JSON.parse(`{"id":"u-ann","__proto__":{"hash":"${hashOf(secret, 'u-ann')}","polluted":true}}`)],
      ['a huge id', () => ({ id: 'x'.repeat(20_000), hash: hashOf(secret, 'x'.repeat(20_000)) })],
      ['a huge name', () => ({ id: 'u-ann', name: 'n'.repeat(20_000), hash: hashOf(secret, 'u-ann') })],
      ['a bad email', () => ({ id: 'u-ann', email: 'not an email', hash: hashOf(secret, 'u-ann') })],
      ['a NUL in the id', () => ({ id: 'u-ann\u0000', hash: hashOf(secret, 'u-ann\u0000') })],
      ['a numeric id', () => ({ id: 42, hash: hashOf(secret, '42') })],
      ['an array', () => [{ id: 'u-ann', hash: hashOf(secret, 'u-ann') }]],
      ['a string', () => 'u-ann'],
      ['a number', () => 7],
      ['null', () => null],
      ['a nested id', () => ({ id: { toString: 'u-ann' }, hash: hashOf(secret, 'u-ann') })],
      ['a hash too long', () => ({ id: 'u-ann', hash: hashOf(secret, 'u-ann') + '00' })],
    ])('connects anonymously, harmlessly, with %s', async (_, identity) => {
      const annConversation = (await holder(botId, 'u-ann'))!.id;
      const { session } = await connect(key, { identity: identity() });
      const [{ visitor_id: visitorId }] = await h.app.db.query(`SELECT visitor_id FROM conversations WHERE id = $1`, [session.conversation.id]);
      expect(visitorId).not.toBe(annConversation);
      expect(await visitors().findOneByOrFail({ id: visitorId })).toMatchObject({ externalId: null, name: null, email: null, verifiedAt: null });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).hash).toBeUndefined();
    });

    it('shows staff the verified name and email, and nothing the page merely claimed', async () => {
      const claimed = await connect(key, { identity: { id: 'u-fay', name: 'Fay', email: 'fay@example.com', hash: hashOf(secret, 'u-other') } });
      await say(claimed.socket, 'An unverified claim');
      const ann = (await holder(botId, 'u-ann'))!;
      const [{ id: annConversation }] = await h.app.db.query(`SELECT id FROM conversations WHERE visitor_id = $1`, [ann.id]);

      for (const staff of [owner, agent]) {
        const list = (await staff.get(`/api/conversations?bot=${botId}&limit=100`).expect(200)).body.conversations as Array<{ id: string; identity: unknown }>;
        expect(list.find((c) => c.id === annConversation)?.identity).toEqual({ externalId: 'u-ann', name: 'Ann Lee', email: 'ann@example.com' });
        expect(list.find((c) => c.id === claimed.session.conversation.id)?.identity).toBeNull();
        expect(JSON.stringify(list)).not.toContain('fay@example.com');
        expect(list.filter((c) => c.identity === null).length).toBeGreaterThan(0);
      }
      const transcript = (await owner.get(`/api/conversations/${annConversation}`).expect(200)).body;
      expect(transcript.conversation.identity).toEqual({ externalId: 'u-ann', name: 'Ann Lee', email: 'ann@example.com' });
      const bob = (await holder(botId, 'u-bob'))!;
      const [{ id: bobConversation }] = await h.app.db.query(`SELECT id FROM conversations WHERE visitor_id = $1`, [bob.id]);
      expect((await agent.get(`/api/conversations/${bobConversation}`).expect(200)).body.conversation.identity).toEqual({ externalId: 'u-bob', name: null, email: null });
      expect((await owner.get(`/api/conversations/${claimed.session.conversation.id}`).expect(200)).body.conversation.identity).toBeNull();
      await otherOwner.get(`/api/conversations/${annConversation}`).expect(404);
    });
  });

  describe('the handshake, where the bot requires identity', () => {
    let secret: string;
    let bot: { id: string; publicKey: string };
    const refusedWith = (identity?: unknown, visitor?: string) => refusal(h.app.url, { bot: bot.publicKey, identity, visitor });

    beforeAll(async () => {
      bot = await newBot();
      secret = await rotate(bot.id);
      await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: true } }).expect(200);
    });

    it('refuses a visitor without an identity, or with no hash: identity_required', async () => {
      expect(await refusedWith()).toBe('identity_required');
      expect(await refusedWith({ id: 'u-gil' })).toBe('identity_required');
      expect(await refusedWith({ id: 'u-gil', name: 'Gil', hash: null })).toBe('identity_required');
      expect(await visitors().countBy({ botId: bot.id })).toBe(0);
    });

    it('refuses a hash that does not verify: identity_invalid', async () => {
      expect(await refusedWith({ id: 'u-gil', hash: hashOf(secret, 'u-hal') })).toBe('identity_invalid');
      expect(await refusedWith({ id: 'u-gil', hash: hashOf('0'.repeat(64), 'u-gil') })).toBe('identity_invalid');
      expect(await visitors().countBy({ botId: bot.id })).toBe(0);
    });

    it('refuses malformed identities as no identity, harmlessly', async () => {
      for (const identity of [
        JSON.parse(`{"__proto__":{"id":"u-gil","hash":"${hashOf(secret, 'u-gil')}"}}`),
        { id: 'x'.repeat(20_000), hash: hashOf(secret, 'x'.repeat(20_000)) },
        { id: 'u-gil', hash: 'zz' },
        { id: 'u-gil', email: 'nope', hash: hashOf(secret, 'u-gil') },
        [{ id: 'u-gil' }],
        'u-gil',
      ]) {
        expect(await refusedWith(identity)).toBe('identity_required');
      }
      expect(({} as Record<string, unknown>).hash).toBeUndefined();
    });

    it('lets a verified visitor in; a token alone is not enough', async () => {
      const gil = await connect(bot.publicKey, { identity: { id: 'u-gil', name: 'Gil', hash: hashOf(secret, 'u-gil') } });
      expect(gil.session.bot.name).toBe('Members only');
      expect(await refusedWith(undefined, gil.session.visitor)).toBe('identity_required');
    });

    it('refuses hashes of a rotated secret', async () => {
      const old = secret;
      secret = await rotate(bot.id);
      expect(await refusedWith({ id: 'u-gil', hash: hashOf(old, 'u-gil') })).toBe('identity_invalid');
      expect(await refusal(h.app.url, { bot: bot.publicKey, identity: { id: 'u-gil', hash: hashOf(secret, 'u-gil') } })).toBe('connected');
    });

    it('lets everyone in again once the owner turns it off', async () => {
      await owner.patch(`/api/bots/${bot.id}`).send({ settings: { requireIdentity: false } }).expect(200);
      expect(await refusedWith()).toBe('connected');
      expect(await refusedWith({ id: 'u-gil', hash: hashOf('0'.repeat(64), 'u-gil') })).toBe('connected');
    });
  });
});
