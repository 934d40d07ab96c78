import { z } from 'zod';
import { inboxConversationSchema, inboxSchema, offlineMessageSchema, ruleSchema, staffMessageSchema } from '../response-schemas';
import { json, RouteDescription } from '../route-description';

/** People taking over (PROTOCOL §7): the inbox, rules, offline messages. */
export const handoffRoutes: Record<string, RouteDescription> = {
  'GET /api/inbox': {
    tag: 'inbox',
    summary: 'Conversations waiting for a person or held by one, and who of the staff is online',
    description: 'Waiting ones first, the longest waiting first. Live updates come over the socket.io namespace `/staff`.',
    success: { description: 'The inbox', content: json(inboxSchema) },
  },
  'POST /api/conversations/{id}/claim': {
    tag: 'inbox',
    summary: 'Take a conversation: a person answers it from now on (state human)',
    success: { description: 'The conversation as the inbox shows it', content: json(z.strictObject({ conversation: inboxConversationSchema })) },
    errors: { 409: 'Another staff member holds it (named), or it is closed', 429: 'Too many inbox actions (Retry-After)' },
  },
  'POST /api/conversations/{id}/messages': {
    tag: 'inbox',
    summary: 'Write to the visitor (claims the conversation when nobody holds it)',
    success: { status: 201, description: 'The message, and the conversation', content: json(z.strictObject({ message: staffMessageSchema, conversation: inboxConversationSchema })) },
    errors: { 409: 'Another staff member holds it (named), or it is closed', 429: 'Too many inbox actions (Retry-After)' },
  },
  'POST /api/conversations/{id}/release': {
    tag: 'inbox',
    summary: 'Hand the conversation back to the bot',
    success: { description: 'The conversation', content: json(z.strictObject({ conversation: inboxConversationSchema })) },
    errors: { 409: 'It is not waiting for or held by a person', 429: 'Too many inbox actions (Retry-After)' },
  },
  'POST /api/conversations/{id}/close': {
    tag: 'inbox',
    summary: 'Close the conversation',
    success: { description: 'The conversation', content: json(z.strictObject({ conversation: inboxConversationSchema })) },
    errors: { 409: 'It is closed already', 429: 'Too many inbox actions (Retry-After)' },
  },
  'GET /api/bots/{id}/rules': {
    tag: 'rules',
    summary: "The bot's rules, in the order they are checked",
    success: { description: 'The rules', content: json(z.strictObject({ rules: z.array(ruleSchema) })) },
  },
  'PUT /api/bots/{id}/rules': {
    tag: 'rules',
    summary: "Replace the bot's rules",
    description: 'Checked before the model on every visitor message: keywords (case-insensitive substrings) or an RE2 pattern → a fixed answer, a handoff to a person (after the answer, if any), or an alert to the staff. An invalid pattern is refused with the reason.',
    success: { description: 'The rules as stored', content: json(z.strictObject({ rules: z.array(ruleSchema) })) },
  },
  'GET /api/offline-messages': {
    tag: 'inbox',
    summary: 'Messages visitors left when nobody could answer, newest first',
    success: { description: 'The messages', content: json(z.strictObject({ messages: z.array(offlineMessageSchema) })) },
  },
  'POST /api/offline-messages/{id}/handled': {
    tag: 'inbox',
    summary: 'Mark an offline message handled',
    success: { description: 'The message', content: json(z.strictObject({ message: offlineMessageSchema })) },
  },
};
