import type { BotView } from '../api/types';
import { formFromBot, patchFromForm } from '../bots/bot-form';
import { validateHours } from './office-hours';

/** The bot form's "Human handoff" section: read from the settings, sent only when changed. */
const bot = (handoff: object = {}): BotView => ({
  id: 'b1', name: 'Clinic', publicKey: 'pk_1', enabled: true, allowedOrigins: ['https://clinic.example'],
  settings: {
    greeting: '', suggestions: [], locale: 'zh-CN', color: '#0f766e', position: 'right',
    temperature: 0.7, maxTokens: 800, historyTokenBudget: 3000, maxMessageLength: 2000, firstTokenTimeoutMs: 30_000, stallTimeoutMs: 20_000,
    requireIdentity: false, knowledgeEnabled: true, knowledgePassages: 4, knowledgeTokenBudget: 1200, knowledgeStrict: false,
    handoffEnabled: true, officeHours: null, ...handoff,
  },
  llm: { provider: null, endpoint: null, model: null, apiKeySet: false },
  identity: { secretSet: false, required: false },
  activeRoleVersion: 1, snippet: '', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z',
});

describe('bot form: human handoff', () => {
  it('reads the defaults (on, any time someone is online) and sends nothing unchanged', () => {
    const form = formFromBot(bot());
    expect(form.handoffEnabled).toBe(true);
    expect(form.hours.mode).toBe('online');
    expect(patchFromForm(bot(), form)).toEqual({});
  });

  it('sends handoffEnabled and office hours when changed', () => {
    const b = bot({ handoffEnabled: false, officeHours: null });
    const form = formFromBot(b);
    form.handoffEnabled = true;
    form.hours = { ...form.hours, mode: 'hours', timezone: 'Asia/Shanghai' };
    expect(validateHours(form.hours)).toEqual({});
    const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
    expect(patchFromForm(b, form)).toEqual({ settings: { handoffEnabled: true, officeHours: { timezone: 'Asia/Shanghai', weekly: weekdays } } });
  });

  it('keeps a stored schedule untouched, and goes back to null', () => {
    const officeHours = { timezone: 'Europe/London', weekly: [{ day: 6, from: '10:00', to: '14:00' }, { day: 1, from: '09:00', to: '17:00' }] };
    const b = bot({ handoffEnabled: true, officeHours });
    const form = formFromBot(b);
    expect(patchFromForm(b, form)).toEqual({});
    expect(patchFromForm(b, { ...form, hours: { ...form.hours, mode: 'online' } })).toEqual({ settings: { officeHours: null } });
  });
});
