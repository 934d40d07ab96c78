import type { BotView } from '../api/types';
import { formFromBot, isEmptyPatch, patchFromForm, validateForm } from './bot-form';

const bot: BotView = {
  id: 'b1',
  name: 'Clinic',
  publicKey: 'pk_1',
  enabled: true,
  allowedOrigins: ['https://clinic.example'],
  settings: {
    greeting: '你好', suggestions: ['a', 'b'], locale: 'zh-CN', color: '#0f766e', position: 'right',
    temperature: 0.7, maxTokens: 800, historyTokenBudget: 3000, maxMessageLength: 2000, firstTokenTimeoutMs: 30_000, stallTimeoutMs: 20_000,
    requireIdentity: false, knowledgeEnabled: true, knowledgePassages: 4, knowledgeTokenBudget: 1200, knowledgeStrict: false, handoffEnabled: true, officeHours: null,
  },
  llm: { provider: null, endpoint: null, model: null, apiKeySet: true },
  identity: { secretSet: true, required: false },
  activeRoleVersion: 1,
  snippet: '<script></script>',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

describe('bot form', () => {
  it('round-trips a bot with no change', () => {
    const form = formFromBot(bot);
    expect(validateForm(form)).toEqual({});
    expect(isEmptyPatch(patchFromForm(bot, form))).toBe(true);
  });

  it('sends only what changed', () => {
    const form = { ...formFromBot(bot), temperature: '1', suggestions: 'a\n\n b \n', origins: 'https://clinic.example/\nhttp://localhost:3000' };
    expect(patchFromForm(bot, form)).toEqual({
      allowedOrigins: ['https://clinic.example', 'http://localhost:3000'],
      settings: { temperature: 1 },
    });
    expect(patchFromForm(bot, { ...formFromBot(bot), model: ' gpt-4o ', enabled: false })).toEqual({
      enabled: false,
      llm: { model: 'gpt-4o' },
    });
    const own = { ...bot, llm: { provider: 'openai' as const, endpoint: 'https://api.deepseek.com/v1', model: 'deepseek-chat', apiKeySet: true } };
    expect(isEmptyPatch(patchFromForm(own, formFromBot(own)))).toBe(true);
    expect(patchFromForm(own, { ...formFromBot(own), llmProvider: '', llmEndpoint: '', model: '' })).toEqual({ llm: { provider: null, endpoint: null, model: null } });
  });

  it('replaces, clears or keeps the write-only key', () => {
    expect(patchFromForm(bot, { ...formFromBot(bot), llmKey: ' new-key ' })).toEqual({ llm: { apiKey: 'new-key' } });
    expect(patchFromForm(bot, { ...formFromBot(bot), llmKey: 'ignored', clearKey: true })).toEqual({ llm: { apiKey: null } });
    expect(patchFromForm(bot, { ...formFromBot(bot), llmProvider: 'azure', llmEndpoint: 'https://x.openai.azure.com/' })).toEqual({
      llm: { provider: 'azure', endpoint: 'https://x.openai.azure.com/' },
    });
  });

  it('sends requireIdentity only when it changed', () => {
    expect(formFromBot(bot).requireIdentity).toBe(false);
    expect(patchFromForm(bot, { ...formFromBot(bot), requireIdentity: true })).toEqual({ settings: { requireIdentity: true } });
    const required = { ...bot, settings: { ...bot.settings, requireIdentity: true }, identity: { secretSet: true, required: true } };
    expect(isEmptyPatch(patchFromForm(required, formFromBot(required)))).toBe(true);
    expect(patchFromForm(required, { ...formFromBot(required), requireIdentity: false })).toEqual({ settings: { requireIdentity: false } });
    // A bot stored before the setting existed reads as not required.
    const older = { ...bot, settings: { ...bot.settings, requireIdentity: undefined as unknown as boolean } };
    expect(isEmptyPatch(patchFromForm(older, formFromBot(older)))).toBe(true);
  });

  it('names each bad field', () => {
    const problems = validateForm({
      ...formFromBot(bot), name: ' ', origins: 'https://ok.example\nnot an origin', color: 'red', temperature: '3',
      maxTokens: '1.5', historyTokenBudget: '', llmProvider: 'azure', llmEndpoint: 'http://example.com', model: 'has space',
      suggestions: '1\n2\n3\n4\n5\n6\n7', greeting: 'x'.repeat(501),
    });
    expect(Object.keys(problems).sort()).toEqual([
      'color', 'greeting', 'historyTokenBudget', 'llmEndpoint', 'maxTokens', 'model', 'name', 'origins', 'suggestions', 'temperature',
    ]);
    expect(validateForm({ ...formFromBot(bot), llmProvider: 'openai', llmEndpoint: 'http://localhost:8080' })).toEqual({});
    expect(validateForm({ ...formFromBot(bot), llmEndpoint: 'https://x.example' })).toEqual({ llmProvider: { kind: 'provider' } });
    // Ollama's names pass for an OpenAI-compatible provider, not as an Azure deployment.
    expect(validateForm({ ...formFromBot(bot), llmProvider: 'openai', model: 'llama3.1:8b' })).toEqual({});
    expect(validateForm({ ...formFromBot(bot), llmProvider: 'azure', model: 'llama3.1:8b' })).toEqual({ model: { kind: 'deployment' } });
    expect(problems.origins).toEqual({ kind: 'origins', lines: [{ line: 2, text: 'not an origin' }] });
    expect(problems.temperature).toEqual({ kind: 'number', min: 0, max: 2, integer: false });
  });
});
