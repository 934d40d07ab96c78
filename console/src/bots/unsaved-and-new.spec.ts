import type { BotView } from '../api/types';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { formFromBot, isFormDirty, suggestionLines } from './bot-form';
import { newBotBody } from './new-bot';

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

describe('unsaved changes', () => {
  const initial = formFromBot(bot);

  it('is clean as loaded, and clean again when a change is typed back', () => {
    expect(isFormDirty(initial, formFromBot(bot))).toBe(false);
    expect(isFormDirty(initial, { ...initial, greeting: '你好!' })).toBe(true);
    expect(isFormDirty(initial, { ...initial, greeting: '你好' })).toBe(false);
  });

  it('counts every kind of field: text, toggles, a new key, office hours', () => {
    expect(isFormDirty(initial, { ...initial, enabled: false })).toBe(true);
    expect(isFormDirty(initial, { ...initial, position: 'left' })).toBe(true);
    expect(isFormDirty(initial, { ...initial, llmKey: 'sk-new' })).toBe(true);
    expect(isFormDirty(initial, { ...initial, hours: { ...initial.hours, timezone: 'Europe/Paris' } })).toBe(initial.hours.timezone !== 'Europe/Paris');
  });

  it('previews suggestions one a line, blanks dropped, at most six', () => {
    expect(suggestionLines(' a \n\n b\r\n')).toEqual(['a', 'b']);
    expect(suggestionLines('1\n2\n3\n4\n5\n6\n7')).toHaveLength(6);
  });
});

describe('a new bot', () => {
  it('starts with a greeting, suggestions, the language and the example role', () => {
    const body = newBotBody(zhCN, 'zh-CN', { name: ' 诊所 ', origins: 'https://clinic.example/\n', role: zhCN.bots.exampleRole });
    expect(body).toEqual({
      name: '诊所',
      allowedOrigins: ['https://clinic.example'],
      settings: { greeting: zhCN.bots.defaultGreeting, suggestions: [...zhCN.bots.defaultSuggestions], locale: 'zh-CN' },
      systemPrompt: zhCN.bots.exampleRole,
    });
    expect(body.settings!.suggestions!.length).toBeGreaterThanOrEqual(2);
    expect(body.settings!.suggestions!.length).toBeLessThanOrEqual(3);
  });

  it('speaks the console language, and leaves the role out when it was emptied', () => {
    const body = newBotBody(en, 'en', { name: 'Shop', origins: '', role: '  ' });
    expect(body.settings).toMatchObject({ greeting: en.bots.defaultGreeting, locale: 'en' });
    expect(body.settings!.greeting).toMatch(/^[\x20-\x7e]+$/);
    expect(body).not.toHaveProperty('systemPrompt');
  });

  it('fits the server limits (bots.dto.ts)', () => {
    for (const t of [en, zhCN]) {
      expect(t.bots.defaultGreeting.length).toBeLessThanOrEqual(500);
      for (const s of t.bots.defaultSuggestions) expect(s.length).toBeLessThanOrEqual(100);
      expect(t.bots.exampleRole.length).toBeLessThanOrEqual(20000);
    }
  });
});
