import { z } from 'zod';
import { botSchema, identitySecretSchema, previewEventSchema, roleSchema } from '../response-schemas';
import { json, RouteDescription } from '../route-description';

export const botsRoutes: Record<string, RouteDescription> = {
  'GET /api/bots': {
    tag: 'bots',
    summary: "The tenant's bots",
    success: { description: 'The bots', content: json(z.strictObject({ bots: z.array(botSchema) })) },
  },
  'POST /api/bots': {
    tag: 'bots',
    summary: 'Create a bot',
    description: 'With a system prompt, its first role version is published at once. `llm` sets its model as in PATCH.',
    success: { description: 'The new bot', content: json(botSchema) },
  },
  'GET /api/bots/{id}': {
    tag: 'bots',
    summary: 'One bot',
    success: { description: 'The bot', content: json(botSchema) },
  },
  'PATCH /api/bots/{id}': {
    tag: 'bots',
    summary: "Change a bot's name, state, allowed sites, settings or model",
    description:
      "Settings are merged: fields left out keep their value. `llm: { provider, endpoint, model, apiKey }` sets the bot's model: a field set to null goes back to the installation's (`llm: null` clears them all), `apiKey` is write-only and stored encrypted. With provider (`azure` or `openai`), endpoint and key the bot uses its own account; an owner's endpoint must be https and not resolve to a private, loopback, link-local or metadata address (unless the operator allows it). For Azure the model is a deployment name.",
    success: { description: 'The bot as it is now', content: json(botSchema) },
  },
  'POST /api/bots/{id}/identity-secret': {
    tag: 'bots',
    summary: "Make or rotate the bot's identity secret",
    description: "The secret signs visitors' identities on the site's server; this answer is the only place it is shown.",
    success: { description: 'The new secret', content: json(identitySecretSchema) },
  },
  'GET /api/bots/{id}/roles': {
    tag: 'roles',
    summary: "The bot's role versions, newest first",
    success: { description: 'The versions', content: json(z.strictObject({ roles: z.array(roleSchema) })) },
  },
  'POST /api/bots/{id}/roles': {
    tag: 'roles',
    summary: 'Publish a new role version',
    description: 'The new version becomes the active one.',
    success: { description: 'The published version', content: json(roleSchema) },
  },
  'POST /api/bots/{id}/roles/{version}/activate': {
    tag: 'roles',
    summary: 'Make an earlier version active again (roll back)',
    success: { description: 'The version, now active', content: json(roleSchema) },
  },
  'POST /api/bots/{id}/preview': {
    tag: 'bots',
    summary: 'Try a draft role without publishing it',
    description: 'Nothing is stored. Streams `data: <PreviewEvent JSON>` lines: deltas, then one `end`.',
    success: {
      status: 200,
      description: 'A stream of events',
      content: { 'text/event-stream': { schema: previewEventSchema } },
    },
    errors: { 429: "Too many previews (per user or per bot: Retry-After), or the bot's daily or monthly token budget is spent" },
  },
};
