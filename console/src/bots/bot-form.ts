import type { BotLocale, BotPatch, BotSettings, BotView, LlmProvider } from '../api/types';
import { browserZone, type HoursForm, hoursFormFrom, hoursFromForm, sameHours } from '../inbox/office-hours';
import { type OriginLineError, parseOrigins } from './origins';

/** The bot editor's inputs, as typed (numbers stay text until saved). */
export interface BotForm {
  name: string;
  enabled: boolean;
  origins: string;
  greeting: string;
  suggestions: string;
  locale: BotLocale;
  color: string;
  position: 'right' | 'left';
  temperature: string;
  maxTokens: string;
  historyTokenBudget: string;
  maxMessageLength: string;
  /** The bot's own provider; '' is the installation's. */
  llmProvider: LlmProvider | '';
  llmEndpoint: string;
  /** Model (Azure: deployment) name; empty is the provider's default. */
  model: string;
  /** A new key; empty leaves the stored one alone. */
  llmKey: string;
  clearKey: boolean;
  requireIdentity: boolean;
  /** Human handoff (PROTOCOL §7): visitors may ask for a person; when people answer. */
  handoffEnabled: boolean;
  hours: HoursForm;
}

export type Problem =
  | { kind: 'required' }
  | { kind: 'origins'; lines: OriginLineError[] }
  | { kind: 'color' }
  | { kind: 'number'; min: number; max: number; integer: boolean }
  | { kind: 'url' }
  | { kind: 'deployment' }
  | { kind: 'model' }
  | { kind: 'provider' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'suggestions'; max: number; maxLength: number };

export type FormProblems = Partial<Record<keyof BotForm, Problem>>;

/** The server's limits (backend/src/bots/bots.dto.ts), checked here first for a quicker answer. */
const NUMBERS = {
  temperature: { min: 0, max: 2, integer: false },
  maxTokens: { min: 1, max: 16_000, integer: true },
  historyTokenBudget: { min: 100, max: 100_000, integer: true },
  maxMessageLength: { min: 1, max: 20_000, integer: true },
} as const;
export const MAX_GREETING = 500;
export const MAX_SUGGESTIONS = 6;
export const MAX_SUGGESTION_LENGTH = 100;
const DEPLOYMENT = /^[\w.-]{1,64}$/;
/** Model names as OpenAI-compatible servers spell them (`llama3.1:8b`, `Qwen/Qwen2.5-7B-Instruct`). */
const MODEL = /^[\w][\w.:/-]{0,127}$/;
const LOOPBACK = /^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/;

type NumberField = keyof typeof NUMBERS;

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

export function formFromBot(bot: BotView): BotForm {
  const s = bot.settings;
  return {
    name: bot.name,
    enabled: bot.enabled,
    origins: bot.allowedOrigins.join('\n'),
    greeting: s.greeting ?? '',
    suggestions: (s.suggestions ?? []).join('\n'),
    locale: s.locale === 'en' ? 'en' : 'zh-CN',
    color: s.color ?? '',
    position: s.position === 'left' ? 'left' : 'right',
    temperature: String(s.temperature ?? ''),
    maxTokens: String(s.maxTokens ?? ''),
    historyTokenBudget: String(s.historyTokenBudget ?? ''),
    maxMessageLength: String(s.maxMessageLength ?? ''),
    llmProvider: bot.llm.provider ?? '',
    llmEndpoint: bot.llm.endpoint ?? '',
    model: bot.llm.model ?? '',
    llmKey: '',
    clearKey: false,
    requireIdentity: s.requireIdentity ?? false,
    handoffEnabled: s.handoffEnabled ?? false,
    hours: hoursFormFrom(s.officeHours, browserZone()),
  };
}

/** https, or http for a model on this machine; no credentials, query or fragment. */
function isEndpoint(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
}

/** What is wrong with the form, field by field; empty when it may be saved. */
export function validateForm(form: BotForm): FormProblems {
  const problems: FormProblems = {};
  if (!form.name.trim()) problems.name = { kind: 'required' };
  const origins = parseOrigins(form.origins);
  if (origins.errors.length) problems.origins = { kind: 'origins', lines: origins.errors };
  if (form.greeting.trim().length > MAX_GREETING) problems.greeting = { kind: 'tooLong', max: MAX_GREETING };
  const suggestions = lines(form.suggestions);
  if (suggestions.length > MAX_SUGGESTIONS || suggestions.some((line) => line.length > MAX_SUGGESTION_LENGTH)) {
    problems.suggestions = { kind: 'suggestions', max: MAX_SUGGESTIONS, maxLength: MAX_SUGGESTION_LENGTH };
  }
  if (!/^#[0-9a-f]{6}$/i.test(form.color.trim())) problems.color = { kind: 'color' };
  const model = form.model.trim();
  // With the installation's provider (unknown here) the server checks the Azure rule if it applies.
  const azure = form.llmProvider === 'azure';
  if (model && (!MODEL.test(model) || model.includes('..') || model.includes('//'))) problems.model = { kind: 'model' };
  else if (model && azure && !DEPLOYMENT.test(model)) problems.model = { kind: 'deployment' };
  for (const [field, rule] of Object.entries(NUMBERS) as Array<[NumberField, (typeof NUMBERS)[NumberField]]>) {
    const text = form[field].trim();
    const value = Number(text);
    const ok = text !== '' && Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
    if (!ok) problems[field] = { kind: 'number', ...rule };
  }
  if (form.llmEndpoint.trim() && !isEndpoint(form.llmEndpoint.trim())) problems.llmEndpoint = { kind: 'url' };
  else if (form.llmEndpoint.trim() && !form.llmProvider) problems.llmProvider = { kind: 'provider' };
  return problems;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Only what changed, so two people editing different settings do not undo each other. */
export function patchFromForm(bot: BotView, form: BotForm): BotPatch {
  const patch: BotPatch = {};
  const name = form.name.trim();
  if (name !== bot.name) patch.name = name;
  if (form.enabled !== bot.enabled) patch.enabled = form.enabled;
  const origins = parseOrigins(form.origins).origins;
  if (!sameList(origins, bot.allowedOrigins)) patch.allowedOrigins = origins;

  const s = bot.settings;
  const settings: Partial<BotSettings> = {};
  if (form.greeting !== (s.greeting ?? '')) settings.greeting = form.greeting;
  const suggestions = lines(form.suggestions);
  if (!sameList(suggestions, s.suggestions ?? [])) settings.suggestions = suggestions;
  if (form.locale !== s.locale) settings.locale = form.locale;
  const color = form.color.trim().toLowerCase();
  if (color !== (s.color ?? '').toLowerCase()) settings.color = color;
  if (form.position !== s.position) settings.position = form.position;
  for (const field of Object.keys(NUMBERS) as NumberField[]) {
    const value = Number(form[field].trim());
    if (value !== s[field]) settings[field] = value;
  }
  if (form.requireIdentity !== (s.requireIdentity ?? false)) settings.requireIdentity = form.requireIdentity;
  if (form.handoffEnabled !== (s.handoffEnabled ?? false)) settings.handoffEnabled = form.handoffEnabled;
  const hours = hoursFromForm(form.hours);
  if (!sameHours(hours, s.officeHours)) settings.officeHours = hours;
  if (Object.keys(settings).length) patch.settings = settings;

  const llm: NonNullable<BotPatch['llm']> = {};
  const provider = form.llmProvider || null;
  if (provider !== bot.llm.provider) llm.provider = provider;
  const endpoint = form.llmEndpoint.trim() || null;
  if (endpoint !== bot.llm.endpoint) llm.endpoint = endpoint;
  const model = form.model.trim() || null;
  if (model !== bot.llm.model) llm.model = model;
  if (form.clearKey) llm.apiKey = null;
  else if (form.llmKey.trim()) llm.apiKey = form.llmKey.trim();
  if (Object.keys(llm).length) patch.llm = llm;
  return patch;
}

export function isEmptyPatch(patch: BotPatch): boolean {
  return Object.keys(patch).length === 0;
}

/**
 * True when the form differs from what it was loaded with (`initial`, from formFromBot): what a
 * person would lose by leaving. Typing a change and then undoing it by hand leaves it clean.
 */
export function isFormDirty(initial: BotForm, form: BotForm): boolean {
  return (Object.keys(initial) as Array<keyof BotForm>).some((key) => JSON.stringify(initial[key]) !== JSON.stringify(form[key]));
}

/** Suggested questions as the widget shows them: one a line, blank lines dropped, at most MAX_SUGGESTIONS. */
export function suggestionLines(text: string): string[] {
  return lines(text).slice(0, MAX_SUGGESTIONS);
}
