import type { Bot } from '../../bots/bot.entity';
import { type LlmChunk, type LlmClient, LlmError, type LlmRequest } from '../../llm/llm.client';
import type { VisitorContext } from '../visitor-context';

/**
 * Fakes for the chat's unit tests (immich's `newTestService` pattern): every outside system the
 * services orchestrate — the database's repositories, the model, the emitter — as plain objects
 * whose methods are jest mocks a test can steer and inspect.
 */

export const CONVERSATION = '00000000-0000-4000-8000-00000000c0c0';

export const visitorContext = (over: Partial<VisitorContext> = {}): VisitorContext =>
  Object.freeze({ visitorId: 'visitor-1', botId: 'bot-1', tenantId: 'tenant-1', conversationId: CONVERSATION, locale: 'en', ...over });

export const fakeBot = (over: Partial<Bot> = {}): Bot =>
  ({
    id: 'bot-1',
    tenantId: 'tenant-1',
    name: 'Helper',
    publicKey: 'pk_test',
    allowedOrigins: [],
    enabled: true,
    settings: { locale: 'en', maxMessageLength: 20 },
    activeRoleVersion: 3,
    identitySecretEncrypted: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  }) as Bot;

/** Every event emitted, in order, whichever way it went (the whole room or this instance only). */
export function fakeEmitter() {
  const events: Array<{ to: string; event: string; payload: Record<string, unknown> }> = [];
  const target = (to: string) => ({ emit: (event: string, payload: Record<string, unknown>) => events.push({ to, event, payload }) });
  return {
    events,
    named: (event: string) => events.filter((e) => e.event === event).map((e) => e.payload),
    toConversation: jest.fn((id: string) => target(`room:${id}`)),
    toConversationHere: jest.fn((id: string) => target(`here:${id}`)),
  };
}

/**
 * A model whose chunks a test pushes: `stream` records the request and the abort signal, and
 * yields what `push` gives until `end` or `fail`.
 */
export function fakeModel() {
  const calls: Array<{ request: LlmRequest; signal: AbortSignal }> = [];
  const queue: Array<LlmChunk | { type: 'fail'; error: unknown }> = [];
  let wake: (() => void) | undefined;
  const push = (item: LlmChunk | { type: 'fail'; error: unknown }) => {
    queue.push(item);
    wake?.();
  };
  const client = {
    stream: jest.fn(async function* (request: LlmRequest, signal: AbortSignal): AsyncGenerator<LlmChunk> {
      calls.push({ request, signal });
      for (;;) {
        while (!queue.length) {
          if (signal.aborted) throw new LlmError('aborted', 'aborted by the caller');
          await new Promise<void>((resolve) => {
            wake = resolve;
            signal.addEventListener('abort', () => resolve(), { once: true });
          });
        }
        const item = queue.shift()!;
        if (item.type === 'fail') throw item.error;
        yield item;
        if (item.type === 'end') return;
      }
    }),
    embed: jest.fn(),
  };
  return {
    client: client as unknown as LlmClient,
    stream: client.stream,
    calls,
    delta: (text: string) => push({ type: 'delta', text }),
    end: (usage?: { promptTokens: number; completionTokens: number }, finishReason = 'stop') => push({ type: 'end', finishReason, usage }),
    fail: (error: unknown) => push({ type: 'fail', error }),
  };
}
