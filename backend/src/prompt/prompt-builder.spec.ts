import type { HistoryRow } from '../conversations/messages.repository';
import { fakeBot } from '../chat/testing/chat-fakes';
import { type Passage, PassageRetriever } from './passages';
import { PromptBuilder } from './prompt-builder';
import { TokenCounter } from './token-counter';

const row = (id: string, role: 'user' | 'assistant', text: string, inReplyTo: string | null = null): HistoryRow => ({ id, role, text, inReplyTo });

function newBuilder(passages: Passage[] = []) {
  const bots = {
    activeRole: jest.fn(async () => ({ version: 4, systemPrompt: 'You are a health advisor.' })),
    llmTarget: jest.fn(() => ({ model: 'gpt-4o-mini' })),
  };
  const messages = { history: jest.fn(async () => [row('q1', 'user', 'Stored question'), row('a1', 'assistant', 'Stored answer', 'q1')]) };
  const retriever = new PassageRetriever();
  const retrieve = jest.spyOn(retriever, 'retrieve').mockResolvedValue(passages);
  const sut = new PromptBuilder(bots as never, messages as never, retriever, new TokenCounter((t) => ({ length: t.length })));
  return { sut, bots, messages, retrieve };
}

describe('PromptBuilder', () => {
  // Handoff off: these tests read the request exactly; the handoff instruction has its own test.
  const bot = fakeBot({ settings: { temperature: 0.2, maxTokens: 300, historyTokenBudget: 10_000, firstTokenTimeoutMs: 5000, stallTimeoutMs: 4000, handoffEnabled: false } });

  it('makes a turn’s request: the role, the history given, the question, the bot’s settings and model', async () => {
    const { sut, messages } = newBuilder();
    const history = [row('q1', 'user', 'Hello'), row('a1', 'assistant', 'Hi!', 'q1')];
    const { request, used } = await sut.build({ bot, conversationId: 'c', history, question: 'Sleep tips?' });
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are a health advisor.' },
      { role: 'user', content: 'Hello' },
      { role: 'assistant', content: 'Hi!' },
      { role: 'user', content: 'Sleep tips?' },
    ]);
    expect(request).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, maxTokens: 300, timeouts: { firstTokenMs: 5000, stallMs: 4000 } });
    expect(used).toEqual({ roleVersion: 4, passages: [], turns: 3 });
    expect(messages.history).not.toHaveBeenCalled();
  });

  it('reads the history when not given, leaving out the excluded rows, empty texts and superseded answers', async () => {
    const { sut, messages } = newBuilder();
    messages.history.mockResolvedValueOnce([
      row('q1', 'user', 'First?'),
      row('a1', 'assistant', 'failed half', 'q1'),
      row('a2', 'assistant', 'Retried answer', 'q1'),
      row('q2', 'user', 'Second?'),
      row('a3', 'assistant', '', 'q2'),
      row('new', 'assistant', '', 'q2'),
    ]);
    const { request } = await sut.build({ bot, conversationId: 'c', exclude: ['a3', 'new'] });
    expect(request.messages.map((m) => m.content)).toEqual(['You are a health advisor.', 'First?', 'Retried answer', 'Second?']);
  });

  it('puts numbered passages right after the role, with how to cite them', async () => {
    const passages: Passage[] = [
      { n: 1, sourceId: 's1', title: 'Opening hours', url: 'https://clinic.example/hours', text: 'Open 8:00–17:00 on weekdays.', score: 0.9 },
      { n: 2, sourceId: 's2', title: '睡眠', text: '成年人每晚睡7到9小时。', score: 0.7 },
    ];
    const { sut, retrieve } = newBuilder(passages);
    const { request, used } = await sut.build({ bot, conversationId: 'c', history: [], question: 'When are you open?' });
    expect(retrieve).toHaveBeenCalledWith(bot, 'When are you open?', undefined);
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'system', 'user']);
    expect(request.messages[1].content).toContain('[1] Opening hours (https://clinic.example/hours)\nOpen 8:00–17:00 on weekdays.');
    expect(request.messages[1].content).toContain('[2] 睡眠\n成年人每晚睡7到9小时。');
    expect(request.messages[1].content).toMatch(/cite/);
    expect(used.passages).toBe(passages);
  });

  it('tells the model how to hand over to a person when the bot allows it, after the role and the passages', async () => {
    const { sut, retrieve } = newBuilder();
    retrieve.mockResolvedValueOnce([{ n: 1, sourceId: 's', title: 'Hours', text: 'Open at 8.', score: 1 }]);
    const withHandoff = fakeBot({ settings: { handoffEnabled: true } });
    const { request } = await sut.build({ bot: withHandoff, conversationId: 'c', history: [], question: 'Can I talk to someone?' });
    expect(request.messages.map((m) => m.role)).toEqual(['system', 'system', 'system', 'user']);
    expect(request.messages[1].content).toMatch(/^Passages/);
    expect(request.messages[2].content).toContain('[[HANDOFF]]');
    const without = await sut.build({ bot, conversationId: 'c', history: [], question: 'Can I talk to someone?' });
    expect(without.request.messages.some((m) => m.content.includes('[[HANDOFF]]'))).toBe(false);
  });

  it('tries a draft role on given turns for the preview, reading nothing stored', async () => {
    const { sut, bots, messages } = newBuilder();
    const { request, used } = await sut.build({ bot, systemPrompt: 'Draft role', turns: [{ role: 'user', content: 'Test?' }] });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Draft role' },
      { role: 'user', content: 'Test?' },
    ]);
    expect(used.roleVersion).toBeNull();
    expect(bots.activeRole).not.toHaveBeenCalled();
    expect(messages.history).not.toHaveBeenCalled();
  });

  it('keeps the newest turns within the bot’s history budget', async () => {
    const { sut } = newBuilder();
    const small = fakeBot({ settings: { historyTokenBudget: 100, handoffEnabled: false } });
    const history = [row('q1', 'user', 'x'.repeat(200)), row('a1', 'assistant', 'y'.repeat(50), 'q1')];
    const { request, used } = await sut.build({ bot: small, conversationId: 'c', history, question: 'z'.repeat(20) });
    expect(request.messages.map((m) => m.content)).toEqual(['You are a health advisor.', 'y'.repeat(50), 'z'.repeat(20)]);
    expect(used.turns).toBe(2);
  });
});
