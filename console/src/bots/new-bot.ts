import type { BotLocale, NewBot } from '../api/types';
import type { Strings } from '../i18n';
import { parseOrigins } from './origins';

/** A new bot's starting greeting and suggested questions, in the console's language. */
export function newBotSettings(t: Strings, locale: BotLocale): NonNullable<NewBot['settings']> {
  return { greeting: t.bots.defaultGreeting, suggestions: [...t.bots.defaultSuggestions], locale };
}

/**
 * The POST /api/bots body (backend createBotSchema): the name, the sites, the starting greeting,
 * suggestions and language, and the role unless it was emptied.
 */
export function newBotBody(t: Strings, locale: BotLocale, input: { name: string; origins: string; role: string }): NewBot {
  const role = input.role.trim();
  return {
    name: input.name.trim(),
    allowedOrigins: parseOrigins(input.origins).origins,
    settings: newBotSettings(t, locale),
    ...(role ? { systemPrompt: input.role } : {}),
  };
}
