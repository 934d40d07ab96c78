import { checkSettings, isDirty, settingsForm, settingsPatch } from './settings-form';

const saved = { knowledgeEnabled: true, knowledgePassages: 4, knowledgeTokenBudget: 1200, knowledgeStrict: false };

describe('knowledge settings form', () => {
  it('starts from the bot’s settings', () => {
    expect(settingsForm(saved)).toEqual({ enabled: true, passages: '4', tokenBudget: '1200', strict: false });
  });

  it('sends only what changed', () => {
    const form = { ...settingsForm(saved), strict: true, passages: ' 6 ' };
    expect(settingsPatch(saved, form)).toEqual({ knowledgeStrict: true, knowledgePassages: 6 });
    expect(settingsPatch(saved, settingsForm(saved))).toEqual({});
    expect(isDirty(saved, settingsForm(saved))).toBe(false);
    expect(isDirty(saved, form)).toBe(true);
  });

  it('checks the server’s ranges, whole numbers only', () => {
    expect(checkSettings(settingsForm(saved))).toEqual({});
    expect(checkSettings({ ...settingsForm(saved), passages: '0', tokenBudget: '8001' })).toEqual({
      passages: { min: 1, max: 10 },
      tokenBudget: { min: 100, max: 8000 },
    });
    expect(checkSettings({ ...settingsForm(saved), passages: '2.5', tokenBudget: '' })).toEqual({
      passages: { min: 1, max: 10 },
      tokenBudget: { min: 100, max: 8000 },
    });
    const bad = { ...settingsForm(saved), passages: '11' };
    expect(isDirty(saved, bad)).toBe(true);
    expect(settingsPatch(saved, bad)).toEqual({});
  });
});
