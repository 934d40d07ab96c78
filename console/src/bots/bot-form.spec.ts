import type { BotView } from '../api/types';
import { formFromBot, isEmptyPatch, patchFromForm, validateForm } from './bot-form';

const bot: BotView = {
  id: 'b1',
  name: 'Clinic',
  publicKey: 'pk_1',
  enabled: true,
  allowedOrigins: ['https://clinic.example'],
  settings: {
    greeting: '你好', suggestions: ['a', 'b'], locale: 'zh-CN', color: '#0f766e', position: 'right', deployment: null,
    temperature: 0.7, maxTokens: 800, historyTokenBudget: 3000, maxMessageLength: 2000, requireIdentity: false,
  },
  azure: { endpoint: null, apiKeySet: true },
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
    expect(patchFromForm(bot, { ...formFromBot(bot), deployment: ' gpt-4o ', enabled: false })).toEqual({
      enabled: false,
      settings: { deployment: 'gpt-4o' },
    });
  });

  it('replaces, clears or keeps the write-only key', () => {
    expect(patchFromForm(bot, { ...formFromBot(bot), azureKey: ' new-key ' })).toEqual({ azure: { apiKey: 'new-key' } });
    expect(patchFromForm(bot, { ...formFromBot(bot), azureKey: 'ignored', clearKey: true })).toEqual({ azure: { apiKey: null } });
    expect(patchFromForm(bot, { ...formFromBot(bot), azureEndpoint: 'https://x.openai.azure.com/' })).toEqual({
      azure: { endpoint: 'https://x.openai.azure.com/' },
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
      maxTokens: '1.5', historyTokenBudget: '', azureEndpoint: 'http://example.com', deployment: 'has space',
      suggestions: '1\n2\n3\n4\n5\n6\n7', greeting: 'x'.repeat(501),
    });
    expect(Object.keys(problems).sort()).toEqual([
      'azureEndpoint', 'color', 'deployment', 'greeting', 'historyTokenBudget', 'maxTokens', 'name', 'origins', 'suggestions', 'temperature',
    ]);
    expect(validateForm({ ...formFromBot(bot), azureEndpoint: 'http://localhost:8080' })).toEqual({});
    expect(problems.origins).toEqual({ kind: 'origins', lines: [{ line: 2, text: 'not an origin' }] });
    expect(problems.temperature).toEqual({ kind: 'number', min: 0, max: 2, integer: false });
  });
});
