import { Logger } from '@nestjs/common';
import { ChatError } from './chat-error';
import { ChatGateway } from './chat.gateway';
import { RequestQueue } from './request-queue';
import { CONVERSATION, visitorContext } from './testing/chat-fakes';
import { deferred } from './testing/deferred';
import type { VisitorContext } from './visitor-context';

function newGateway() {
  const chat = {
    send: jest.fn(async (_ctx: VisitorContext, _body: unknown): Promise<{ messageId: string; replyId: string }> => ({ messageId: 'm', replyId: 'r' })),
    stop: jest.fn(async () => undefined),
    retry: jest.fn(async () => ({ replyId: 'r2' })),
    feedback: jest.fn(async () => undefined),
  };
  const sessions = { newConversation: jest.fn(async () => ({ id: 'conversation-2' })) };
  const sut = new ChatGateway({} as never, sessions as never, chat as never, {} as never, {} as never, {} as never, {} as never, {} as never, {} as never, {} as never);
  const rooms: string[] = [];
  const socket = {
    data: { ctx: visitorContext(), bot: {}, queue: new RequestQueue(2) },
    join: jest.fn(async (room: string) => void rooms.push(`+${room}`)),
    leave: jest.fn(async (room: string) => void rooms.push(`-${room}`)),
  };
  return { sut, chat, sessions, socket: socket as never as Parameters<ChatGateway['send']>[0], raw: socket, rooms };
}

// Refusals and failures are logged on purpose; the tests read what was acked and stored.
beforeAll(() => Logger.overrideLogger(false));

describe('ChatGateway', () => {
  it('acks what the service answers, and its refusals as the visitor’s error in their locale', async () => {
    const { sut, chat, socket } = newGateway();
    await expect(sut.send(socket, { clientId: 'c', text: 'hi' })).resolves.toEqual({ ok: true, messageId: 'm', replyId: 'r' });
    chat.send.mockRejectedValueOnce(new ChatError('rate_limited', 1500));
    const refused = await sut.send(socket, { clientId: 'c', text: 'hi' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterMs: 1500 } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/[a-z]/i);
  });

  it('answers an unexpected failure as internal, without its words', async () => {
    const { sut, chat, socket } = newGateway();
    chat.send.mockRejectedValueOnce(new Error('connection to 10.0.0.5:5432 refused, password=hunter2'));
    const answer = await sut.send(socket, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toMatch(/10\.0\.0\.5|hunter2/);
  });

  it('handles one socket’s requests in arrival order, and a new conversation never lands inside a send', async () => {
    const { sut, chat, socket, raw } = newGateway();
    const write = deferred<{ messageId: string; replyId: string }>();
    const seen: string[] = [];
    chat.send.mockImplementationOnce(async (ctx) => {
      seen.push(ctx.conversationId);
      return write.promise;
    });
    const sending = sut.send(socket, { clientId: 'c', text: 'hi' });
    const renewing = sut.newConversation(socket, {});
    await new Promise((r) => setImmediate(r));
    expect(raw.data.ctx.conversationId).toBe(CONVERSATION);
    write.resolve({ messageId: 'm', replyId: 'r' });
    await expect(sending).resolves.toMatchObject({ ok: true });
    await expect(renewing).resolves.toEqual({ ok: true, conversation: { id: 'conversation-2', messages: [], state: 'bot' } });
    expect(seen).toEqual([CONVERSATION]);
    expect(raw.data.ctx.conversationId).toBe('conversation-2');
    expect(Object.isFrozen(raw.data.ctx)).toBe(true);
  });

  it('moves the socket from the old conversation’s room to the new one', async () => {
    const { sut, socket, rooms } = newGateway();
    await sut.newConversation(socket, undefined);
    expect(rooms).toEqual([`-conversation:${CONVERSATION}`, '+conversation:conversation-2']);
  });

  it('refuses a new conversation with a payload, and starts none', async () => {
    const { sut, sessions, socket } = newGateway();
    for (const body of [{ id: 'x' }, 'x', [1]]) await expect(sut.newConversation(socket, body)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(sessions.newConversation).not.toHaveBeenCalled();
  });

  it('answers busy past the queue’s bound instead of buffering a flood', async () => {
    const { sut, chat, socket } = newGateway();
    const held = deferred<{ messageId: string; replyId: string }>();
    chat.send.mockImplementation(() => held.promise);
    const first = sut.send(socket, {});
    const second = sut.send(socket, {});
    await expect(sut.send(socket, {})).resolves.toMatchObject({ ok: false, error: { code: 'busy' } });
    held.resolve({ messageId: 'm', replyId: 'r' });
    await Promise.all([first, second]);
    expect(chat.send).toHaveBeenCalledTimes(2);
  });
});
