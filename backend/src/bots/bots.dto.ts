import { z } from 'zod';
import { normaliseOrigin } from '../common/origin';

/** `scheme://host[:port]` exactly (default ports dropped), or `*` for any site. */
const origin = z
  .string()
  .trim()
  .max(300)
  .transform((value, ctx) => {
    if (value === '*') return value;
    const normalised = normaliseOrigin(value);
    if (normalised === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an origin like https://example.com (no path, no trailing slash) or *' });
      return z.NEVER;
    }
    return normalised;
  });

const allowedOrigins = z
  .array(origin)
  .max(50)
  .transform((list) => [...new Set(list)]);

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00');
/** When people answer, in the bot's time zone (PROTOCOL §7). */
export const officeHoursSchema = z.strictObject({
  timezone: z.string().max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone like Asia/Shanghai'),
  weekly: z
    .array(z.strictObject({ day: z.number().int().min(0).max(6), from: time, to: time }).refine((s) => s.from < s.to, 'from must be before to'))
    .max(28),
});

export const botSettingsSchema = z
  .strictObject({
    greeting: z.string().trim().max(500),
    suggestions: z.array(z.string().trim().min(1).max(100)).max(6),
    locale: z.enum(['zh-CN', 'en']),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0f766e')
      .transform((c) => c.toLowerCase()),
    position: z.enum(['right', 'left']),
    temperature: z.number().min(0).max(2),
    maxTokens: z.number().int().min(1).max(16000),
    historyTokenBudget: z.number().int().min(100).max(100000),
    maxMessageLength: z.number().int().min(1).max(20000),
    // Upstream timeouts (ms): long enough for a slow model, short enough that a visitor is not left waiting.
    firstTokenTimeoutMs: z.number().int().min(1000).max(120_000),
    stallTimeoutMs: z.number().int().min(1000).max(120_000),
    // Limits: 0 means none, null goes back to the installation's default.
    visitorMessagesPerMinute: z.number().int().min(0).max(10_000).nullable(),
    botMessagesPerMinute: z.number().int().min(0).max(1_000_000).nullable(),
    conversationTokenBudget: z.number().int().min(0).max(100_000_000).nullable(),
    dailyTokenBudget: z.number().int().min(0).max(1_000_000_000_000).nullable(),
    monthlyTokenBudget: z.number().int().min(0).max(1_000_000_000_000).nullable(),
    // Only with an identity secret (POST /api/bots/:id/identity-secret); checked by BotAdminService.
    requireIdentity: z.boolean(),
    knowledgeEnabled: z.boolean(),
    knowledgePassages: z.number().int().min(1).max(10),
    knowledgeTokenBudget: z.number().int().min(100).max(8000),
    knowledgeStrict: z.boolean(),
    handoffEnabled: z.boolean(),
    officeHours: officeHoursSchema.nullable(),
  })
  .partial();

export type BotSettingsPatch = z.infer<typeof botSettingsSchema>;

/**
 * The shape of a model endpoint; which schemes and hosts are allowed is the outbound guard's
 * policy (outbound/endpoint-policy.ts), checked by BotAdminService with the operator's settings.
 */
const llmEndpoint = z
  .string()
  .trim()
  .max(500)
  .refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return !!url && /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash;
  }, 'must be an https URL without credentials, query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

/** An Azure deployment name: it goes into the URL path, so only the characters Azure allows. */
export const AZURE_DEPLOYMENT_NAME = /^[\w.-]{1,64}$/;

/**
 * A model name as OpenAI-compatible servers spell them (`gpt-4o-mini`, `deepseek-chat`,
 * `llama3.1:8b`, `Qwen/Qwen2.5-7B-Instruct`); for Azure BotAdminService also checks
 * AZURE_DEPLOYMENT_NAME.
 */
const llmModel = z
  .string()
  .trim()
  .regex(/^[\w][\w.:/-]{0,127}$/, 'must be a model name (letters, digits, . _ - : /)')
  .refine((v) => !v.includes('..') && !v.includes('//'), 'must be a model name (letters, digits, . _ - : /)');

/** A bot's model: null fields go back to the installation's; the key is write-only. */
export const botLlmSchema = z.strictObject({
  provider: z.enum(['azure', 'openai']).nullable().optional(),
  endpoint: llmEndpoint.nullable().optional(),
  model: llmModel.nullable().optional(),
  apiKey: z.string().trim().min(1).max(500).nullable().optional(),
});

export type BotLlmPatch = z.infer<typeof botLlmSchema>;

const name = z.string().trim().min(1).max(100);
export const systemPrompt = z.string().trim().min(1).max(20000);
export const roleNote = z
  .string()
  .trim()
  .max(500)
  .transform((n) => n || null);

export const createBotSchema = z.strictObject({
  name,
  allowedOrigins: allowedOrigins.optional(),
  settings: botSettingsSchema.optional(),
  llm: botLlmSchema.optional(),
  systemPrompt: systemPrompt.optional(),
  note: roleNote.optional(),
});

export const updateBotSchema = z.strictObject({
  name: name.optional(),
  enabled: z.boolean().optional(),
  allowedOrigins: allowedOrigins.optional(),
  settings: botSettingsSchema.optional(),
  /** null clears the bot's own model settings: the installation's model answers. */
  llm: botLlmSchema.nullable().optional(),
});

export const botParamsSchema = z.strictObject({ id: z.guid() });

export type CreateBotDto = z.infer<typeof createBotSchema>;
export type UpdateBotDto = z.infer<typeof updateBotSchema>;
