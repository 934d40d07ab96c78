import type { BotSettings } from '../api/types';

type KnowledgeSettings = Pick<BotSettings, 'knowledgeEnabled' | 'knowledgePassages' | 'knowledgeTokenBudget' | 'knowledgeStrict'>;

/** The knowledge settings as typed (numbers stay text until saved). */
export interface SettingsForm {
  enabled: boolean;
  passages: string;
  tokenBudget: string;
  strict: boolean;
}

/** The server's limits (backend/src/bots/bots.dto.ts). */
export const PASSAGES = { min: 1, max: 10 } as const;
export const TOKEN_BUDGET = { min: 100, max: 8000 } as const;

export type SettingsProblems = Partial<Record<'passages' | 'tokenBudget', { min: number; max: number }>>;

export function settingsForm(s: Partial<KnowledgeSettings>): SettingsForm {
  return {
    enabled: s.knowledgeEnabled ?? true,
    passages: String(s.knowledgePassages ?? ''),
    tokenBudget: String(s.knowledgeTokenBudget ?? ''),
    strict: s.knowledgeStrict ?? false,
  };
}

const whole = (text: string, range: { min: number; max: number }) => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= range.min && n <= range.max ? n : null;
};

export function checkSettings(form: SettingsForm): SettingsProblems {
  const problems: SettingsProblems = {};
  if (whole(form.passages, PASSAGES) === null) problems.passages = PASSAGES;
  if (whole(form.tokenBudget, TOKEN_BUDGET) === null) problems.tokenBudget = TOKEN_BUDGET;
  return problems;
}

/** Only what changed, for `PATCH /api/bots/:id { settings }`; empty when nothing did or a number is wrong. */
export function settingsPatch(saved: Partial<KnowledgeSettings>, form: SettingsForm): Partial<KnowledgeSettings> {
  const patch: Partial<KnowledgeSettings> = {};
  if (form.enabled !== (saved.knowledgeEnabled ?? true)) patch.knowledgeEnabled = form.enabled;
  if (form.strict !== (saved.knowledgeStrict ?? false)) patch.knowledgeStrict = form.strict;
  const passages = whole(form.passages, PASSAGES);
  if (passages !== null && passages !== saved.knowledgePassages) patch.knowledgePassages = passages;
  const budget = whole(form.tokenBudget, TOKEN_BUDGET);
  if (budget !== null && budget !== saved.knowledgeTokenBudget) patch.knowledgeTokenBudget = budget;
  return patch;
}

/** Something differs from what is saved, valid or not (the form then says what to fix). */
export function isDirty(saved: Partial<KnowledgeSettings>, form: SettingsForm): boolean {
  const initial = settingsForm(saved);
  return (Object.keys(initial) as (keyof SettingsForm)[]).some((key) => String(initial[key]) !== String(form[key]).trim());
}
