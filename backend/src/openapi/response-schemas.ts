import { z } from 'zod';

/**
 * What the API answers, for the document (the request side comes from the pipes' own schemas).
 * The services return plain objects without schemas of their own, so these are written here; they
 * are strict, and test/openapi.e2e-spec.ts parses real answers with them, so a field added to or
 * dropped from a view fails that test instead of leaving the document wrong.
 */

const id = z.uuid();
const instant = z.iso.datetime({ offset: true });

/** Every HTTP error, from the pipes, the guard and the services alike (all-exceptions.filter.ts). */
export const errorSchema = z
  .strictObject({
    statusCode: z.number().int().meta({ example: 400 }),
    error: z.string().meta({ example: 'Bad Request' }),
    message: z.string().meta({ description: 'For a 400, names the bad field first: `email: Invalid email address`' }),
  })
  .meta({ id: 'Error' });

export const authUserSchema = z
  .strictObject({
    id,
    email: z.string(),
    tenantId: id,
    role: z.enum(['owner', 'agent']),
    isAdmin: z.boolean().meta({ description: 'The installation admin (also owner of their tenant)' }),
    mustChangePassword: z.boolean().meta({ description: 'Until changed, only /api/auth/me and /api/auth/password answer' }),
  })
  .meta({ id: 'AuthUser' });

export const userAnswerSchema = z.strictObject({ user: authUserSchema });

const limit = z.number().int().nullable().optional().meta({ description: "0: none; null or absent: the installation's default" });

export const botSettingsViewSchema = z
  .strictObject({
    greeting: z.string(),
    suggestions: z.array(z.string()),
    locale: z.string(),
    color: z.string(),
    position: z.enum(['right', 'left']),
    temperature: z.number(),
    maxTokens: z.number().int(),
    historyTokenBudget: z.number().int(),
    maxMessageLength: z.number().int(),
    firstTokenTimeoutMs: z.number().int(),
    stallTimeoutMs: z.number().int(),
    visitorMessagesPerMinute: limit,
    botMessagesPerMinute: limit,
    conversationTokenBudget: limit,
    dailyTokenBudget: limit,
    monthlyTokenBudget: limit,
    requireIdentity: z.boolean(),
    knowledgeEnabled: z.boolean(),
    knowledgePassages: z.number().int(),
    knowledgeTokenBudget: z.number().int(),
    knowledgeStrict: z.boolean(),
    handoffEnabled: z.boolean(),
    officeHours: z
      .strictObject({ timezone: z.string(), weekly: z.array(z.strictObject({ day: z.number().int(), from: z.string(), to: z.string() })) })
      .nullable()
      .meta({ description: 'When people answer (days 0 = Sunday … 6, HH:MM in the time zone); null: whenever a staff member is online' }),
  })
  .meta({ id: 'BotSettings' });

export const identityViewSchema = z
  .strictObject({ secretSet: z.boolean(), required: z.boolean() })
  .meta({ id: 'BotIdentity', description: 'Whether the bot has an identity secret (never the secret) and demands verified visitors' });

export const botLlmViewSchema = z
  .strictObject({
    provider: z.enum(['azure', 'openai']).nullable().meta({ description: "The provider of the bot's own account; null: the installation's" }),
    endpoint: z.string().nullable().meta({ description: 'Azure resource endpoint or OpenAI-compatible base URL of its own account; null: none' }),
    model: z.string().nullable().meta({ description: "Model or Azure deployment name; null: the provider's default" }),
    apiKeySet: z.boolean().meta({ description: 'Whether its own key is set; the key itself never leaves the server' }),
  })
  .meta({
    id: 'BotLlm',
    description: "The bot's model. With provider, endpoint and key set it uses its own account (reached through the outbound guard); otherwise the installation's provider, with `model` when set",
  });

export const botSchema = z
  .strictObject({
    id,
    name: z.string(),
    publicKey: z.string(),
    enabled: z.boolean(),
    allowedOrigins: z.array(z.string()),
    settings: botSettingsViewSchema,
    llm: botLlmViewSchema,
    identity: identityViewSchema,
    activeRoleVersion: z.number().int().nullable(),
    snippet: z.string().meta({ description: 'The script tag to paste into a site' }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Bot' });

export const identitySecretSchema = z.strictObject({
  secret: z.string().meta({ description: 'Shown only in this answer' }),
  identity: identityViewSchema,
});

export const roleSchema = z
  .strictObject({
    version: z.number().int(),
    systemPrompt: z.string(),
    note: z.string().nullable(),
    author: z.strictObject({ id, email: z.string() }).nullable(),
    createdAt: instant,
    active: z.boolean(),
  })
  .meta({ id: 'Role' });

export const memberSchema = z
  .strictObject({ id, email: z.string(), role: z.enum(['owner', 'agent']), mustChangePassword: z.boolean(), createdAt: instant })
  .meta({ id: 'Member' });

export const tenantCreatedSchema = z.strictObject({
  tenant: z.strictObject({ id, name: z.string(), createdAt: instant }),
  owner: z.strictObject({ id, email: z.string() }),
});

export const tenantListSchema = z.strictObject({
  tenants: z.array(z.strictObject({ id, name: z.string(), createdAt: instant, members: z.number().int(), bots: z.number().int() })),
});

export const usageSchema = z.strictObject({
  days: z.array(
    z.strictObject({
      day: z.string().meta({ description: 'UTC day, YYYY-MM-DD' }),
      botId: id,
      botName: z.string(),
      conversations: z.number().int(),
      messages: z.number().int(),
      promptTokens: z.number().int(),
      completionTokens: z.number().int(),
    }),
  ),
});

const conversationFields = {
  id,
  bot: z.strictObject({ id, name: z.string() }),
  visitorId: z.string(),
  createdAt: instant,
  lastMessageAt: instant.nullable(),
  messageCount: z.number().int(),
  preview: z.string().meta({ description: "The visitor's first message, at most 120 characters" }),
  statuses: z.array(z.enum(['stopped', 'filtered', 'failed'])),
  rating: z.strictObject({ up: z.number().int(), down: z.number().int() }),
  tags: z.array(z.string()),
  reviewed: z.boolean(),
  flagged: z.boolean(),
  identity: z
    .strictObject({ externalId: z.string(), name: z.string().nullable(), email: z.string().nullable() })
    .nullable()
    .meta({ description: 'Who the visitor is on the site, when a handshake verified it' }),
};

export const conversationSummarySchema = z.strictObject(conversationFields).meta({ id: 'ConversationSummary' });
export const conversationDetailSchema = z.strictObject({ ...conversationFields, note: z.string().nullable() }).meta({ id: 'ConversationDetail' });

const conversationState = z.enum(['bot', 'waiting', 'human', 'closed']).meta({ description: 'Who answers: the model, a person was asked for, a person, nobody (closed)' });
const staffRef = z.strictObject({ id, name: z.string() });
export const visitorContextSchema = z
  .strictObject({
    id: z.string(),
    label: z.string(),
    identity: z.strictObject({ id: z.string(), name: z.string().optional(), email: z.string().optional(), verified: z.boolean() }).optional(),
    pageUrl: z.string().optional(),
    referrer: z.string().optional(),
    browser: z.string().optional(),
    locale: z.string().optional(),
    earlierConversations: z.number().int(),
  })
  .meta({ id: 'VisitorContext' });
export const inboxConversationSchema = z
  .strictObject({
    id,
    botId: id,
    botName: z.string(),
    state: conversationState,
    assignee: staffRef.nullable(),
    waitingSince: instant.nullable(),
    lastMessage: z.strictObject({ role: z.enum(['user', 'assistant', 'agent']), text: z.string(), createdAt: instant }).nullable(),
    unread: z.number().int(),
    visitor: visitorContextSchema,
    updatedAt: instant,
  })
  .meta({ id: 'InboxConversation' });
export const inboxSchema = z.strictObject({
  conversations: z.array(inboxConversationSchema),
  staff: z.array(z.strictObject({ id, name: z.string(), online: z.boolean() })),
});
export const staffMessageSchema = z.strictObject({
  id,
  conversationId: id,
  role: z.literal('agent'),
  text: z.string(),
  status: z.literal('complete'),
  createdAt: instant,
  author: z.strictObject({ name: z.string() }),
});
export const ruleSchema = z
  .strictObject({
    match: z.strictObject({ keywords: z.array(z.string()).optional(), pattern: z.string().optional().meta({ description: 'RE2 syntax, matched case-insensitively in linear time' }) }),
    action: z.enum(['answer', 'handoff', 'alert']),
    answer: z.string().optional(),
  })
  .meta({ id: 'Rule' });
export const offlineMessageSchema = z
  .strictObject({ id, botId: id, botName: z.string(), conversationId: id.nullable(), email: z.string(), text: z.string(), createdAt: instant, handledAt: instant.nullable(), handledBy: staffRef.nullable() })
  .meta({ id: 'OfflineMessage' });

export const conversationListSchema = z.strictObject({
  conversations: z.array(conversationSummarySchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  total: z.number().int().nullable().meta({ description: 'How many conversations match the filters in all; counted with the first page, null when a cursor is given' }),
});

export const storedSourceSchema = z
  .strictObject({
    n: z.number().int().meta({ description: 'The answer cites it as [n]' }),
    chunkId: z.string().optional(),
    sourceId: id,
    title: z.string(),
    url: z.string().optional(),
    excerpt: z.string(),
    score: z.number(),
  })
  .meta({ id: 'AnswerSource' });

export const knowledgeSourceSchema = z
  .strictObject({
    id,
    title: z.string(),
    kind: z.enum(['file', 'text', 'faq', 'url']),
    status: z.enum(['queued', 'indexing', 'ready', 'failed']),
    error: z.string().optional().meta({ description: 'Why indexing failed, in words an owner can act on' }),
    chunks: z.number().int().meta({ description: 'Chunks that answer now (the previous index while re-indexing)' }),
    progress: z.strictObject({ done: z.number().int(), total: z.number().int() }).optional().meta({ description: 'Chunks embedded so far, while indexing' }),
    url: z.string().optional(),
    filename: z.string().optional(),
    bytes: z.number().int(),
    crawl: z.boolean().optional(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'KnowledgeSource' });

const retrievalMode = z.enum(['hybrid', 'lexical']).meta({ description: '`lexical` where the database has no pgvector: word matches re-ranked by embedding similarity' });

export const knowledgeViewSchema = z.strictObject({
  mode: retrievalMode,
  limits: z.strictObject({ maxSources: z.number().int(), maxFileBytes: z.number().int(), maxChunks: z.number().int() }),
  sources: z.array(knowledgeSourceSchema),
});

export const knowledgeSourceAnswerSchema = z.strictObject({ source: knowledgeSourceSchema });

export const knowledgeSourceDetailSchema = z.strictObject({
  source: knowledgeSourceSchema,
  chunks: z.array(z.strictObject({ id: z.string(), position: z.number().int(), headingPath: z.array(z.string()), pageUrl: z.string().optional(), text: z.string(), tokens: z.number().int() })),
  content: z
    .union([z.strictObject({ text: z.string() }), z.strictObject({ faq: z.array(z.strictObject({ question: z.string(), answer: z.string() })) })])
    .optional()
    .meta({ description: 'What a text or FAQ source holds, to edit it' }),
});

export const knowledgeSearchSchema = z.strictObject({
  mode: retrievalMode,
  lexicalOnly: z.boolean().optional().meta({ description: 'The question could not be embedded (the model failed): words alone were used' }),
  results: z.array(
    z.strictObject({
      sourceId: id,
      chunkId: z.string(),
      title: z.string(),
      headingPath: z.array(z.string()),
      url: z.string().optional(),
      excerpt: z.string(),
      score: z.number().meta({ description: 'Fused rank score in (0, 1]' }),
      similarity: z.number().optional().meta({ description: 'Cosine similarity to the question' }),
      passage: z.number().int().optional().meta({ description: "Given to a visitor's answer as passage [n] (the bot's settings decide how many)" }),
    }),
  ),
});

export const transcriptMessageSchema = z
  .strictObject({
    id,
    role: z.enum(['user', 'assistant', 'agent']),
    text: z.string(),
    status: z.enum(['complete', 'streaming', 'stopped', 'filtered', 'failed']),
    createdAt: instant,
    author: z.strictObject({ name: z.string() }).optional().meta({ description: "Role agent: the staff member who wrote it" }),
    roleVersion: z.number().int().nullable().meta({ description: 'The role version that answered' }),
    feedback: z.enum(['up', 'down']).nullable(),
    feedbackComment: z.string().nullable(),
    promptTokens: z.number().int().nullable(),
    completionTokens: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    firstTokenMs: z.number().int().nullable(),
    finishReason: z.string().nullable(),
    errorCode: z.string().nullable(),
    errorDetail: z.string().nullable(),
    truncated: z.boolean(),
    sources: z.array(storedSourceSchema).optional().meta({ description: "The passages of the bot's documents the answer was given, with their scores" }),
  })
  .meta({ id: 'TranscriptMessage' });

export const conversationTranscriptSchema = z.strictObject({
  conversation: z.strictObject({ ...conversationFields, note: z.string().nullable(), state: conversationState, assignee: staffRef.nullable(), visitor: visitorContextSchema }),
  messages: z.array(transcriptMessageSchema),
});
export const conversationAnnotatedSchema = z.strictObject({ conversation: conversationDetailSchema });

export const healthSchema = z.strictObject({ status: z.enum(['ok', 'unavailable']), database: z.enum(['up', 'down']) });

/** The preview streams these as `data:` lines of text/event-stream. */
export const previewEventSchema = z
  .union([
    z.strictObject({ delta: z.string() }),
    z.strictObject({ end: z.strictObject({ status: z.enum(['complete', 'filtered', 'failed']), text: z.string(), error: z.string().optional() }) }),
  ])
  .meta({ id: 'PreviewEvent' });
