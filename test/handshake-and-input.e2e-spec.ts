import { Message } from '../backend/src/conversations/message.entity';
import { chatHarness } from './support/chat-harness';
import { createBot, SITE } from './support/fixtures';
import { collectReply, connectVisitor, emitAck, refusal } from './support/visitor';

describe('the /widget handshake and bad input', () => {
  const h = chatHarness({ settings: { maxMessageLength: 50, locale: 'zh-CN' } });
  const visitor = (locale?: string) => h.visitor({ locale });

  it('refuses an unknown bot', async () => {
    expect(await refusal(h.app.url, { bot: 'pk_does_not_exist' })).toBe('unknown_bot');
    expect(await refusal(h.app.url, { bot: '' })).toBe('unknown_bot');
  });

  it("refuses a site that is not among the bot's origins", async () => {
    expect(await refusal(h.app.url, { bot: h.fixture.bot.publicKey, origin: 'https://evil.example' })).toBe('origin_not_allowed');
    expect(await refusal(h.app.url, { bot: h.fixture.bot.publicKey, origin: 'http://clinic.example' })).toBe('origin_not_allowed');
    expect(await refusal(h.app.url, { bot: h.fixture.bot.publicKey, origin: null })).toBe('origin_not_allowed');
    expect(await refusal(h.app.url, { bot: h.fixture.bot.publicKey, origin: SITE })).toBe('connected');
  });

  it('refuses a disabled bot', async () => {
    const disabled = await createBot(h.app.db, { enabled: false });
    expect(await refusal(h.app.url, { bot: disabled.bot.publicKey })).toBe('bot_disabled');
  });

  it('lets any site in only where the owner put *', async () => {
    const open = await createBot(h.app.db, { origins: ['*'] });
    expect(await refusal(h.app.url, { bot: open.bot.publicKey, origin: 'https://anywhere.example' })).toBe('connected');
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['no text', { clientId: 'x' }],
    ['no clientId', { text: 'hi' }],
    ['a number as text', { clientId: 'x', text: 42 }],
    ['an empty clientId', { clientId: '', text: 'hi' }],
    ['only spaces', { clientId: 'x', text: '   \n ' }],
    ['an unknown field', { clientId: 'x', text: 'hi', admin: true }],
    ['__proto__ keys', JSON.parse('{"clientId":"x","text":"hi","__proto__":{"polluted":true}}')],
    ['an array', [{ clientId: 'x', text: 'hi' }]],
  ])('answers bad_request to message:send with %s and stores nothing', async (_, payload) => {
    const { socket, session } = await visitor();
    const ack = await emitAck(socket, 'message:send', payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await h.app.db.getRepository(Message).count({ where: { conversationId: session.conversation.id } })).toBe(0);
  });

  it("answers too_long past the bot's limit, in the visitor's language, and stores nothing", async () => {
    const { socket, session } = await visitor();
    const zh = await emitAck(socket, 'message:send', { clientId: 'long', text: '长'.repeat(51) });
    expect(zh).toEqual({ ok: false, error: { code: 'too_long', message: expect.stringMatching(/太长/) } });
    const en = await visitor('en');
    const english = await emitAck(en.socket, 'message:send', { clientId: 'long', text: 'x'.repeat(51) });
    expect(english).toMatchObject({ ok: false, error: { code: 'too_long', message: expect.stringMatching(/too long/) } });
    expect(await h.app.db.getRepository(Message).count({ where: { conversationId: session.conversation.id } })).toBe(0);
    // Exactly at the limit is fine; characters, not UTF-16 units, are counted.
    const done = collectReply(socket);
    expect((await emitAck(socket, 'message:send', { clientId: 'ok', text: '😀'.repeat(50) })).ok).toBe(true);
    await done;
  });

  it.each([
    ['reply:stop', { replyId: 'not-a-uuid' }],
    ['reply:stop', {}],
    ['feedback', { messageId: '6f1c2b7e-8a43-4b2e-9a57-0c3f1d2e4b5a', rating: 'meh' }],
    ['feedback', { rating: 'up' }],
    ['conversation:new', { extra: 1 }],
    ['conversation:new', 'x'],
  ])('answers bad_request to %s %p', async (event, payload) => {
    const { socket } = await visitor();
    expect(await emitAck(socket, event, payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers not_found when stopping a reply that is not this visitor’s', async () => {
    const { socket } = await visitor();
    expect(await emitAck(socket, 'reply:stop', { replyId: '6f1c2b7e-8a43-4b2e-9a57-0c3f1d2e4b5a' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps only the newest turns that fit the bot’s history budget, role first', async () => {
    const small = await createBot(h.app.db, { systemPrompt: 'ROLE', settings: { historyTokenBudget: 40 } });
    const { socket } = await connectVisitor(h.app.url, { bot: small.bot.publicKey });
    for (let i = 1; i <= 4; i++) {
      const done = collectReply(socket);
      await emitAck(socket, 'message:send', { clientId: `h-${i}`, text: `question number ${i}` });
      await done;
    }
    const body = h.simulator.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(body.messages[0]).toEqual({ role: 'system', content: 'ROLE' });
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'question number 4' });
    // The demo answers are ~70 tokens each, so with a 40-token budget no earlier turn fits.
    expect(body.messages).toHaveLength(2);
    expect(body.messages.some((m) => m.content === 'question number 1')).toBe(false);
    socket.disconnect();
  });
});
