import { conversationAnnotatedSchema, conversationListSchema, conversationTranscriptSchema } from '../response-schemas';
import { json, RouteDescription, typed } from '../route-description';

export const conversationsRoutes: Record<string, RouteDescription> = {
  'GET /api/conversations': {
    tag: 'conversations',
    summary: 'List conversations, newest activity first',
    description: '`q` searches the text (CJK included). Dates are UTC days or date-times with an offset; `to` includes its whole day.',
    success: { description: 'One page', content: json(conversationListSchema) },
  },
  'GET /api/conversations/export': {
    tag: 'conversations',
    summary: 'Export the conversations the filters select, one message a line',
    description: 'Streamed as an attachment; CSV starts with a BOM so spreadsheets read it as UTF-8.',
    success: {
      description: 'The file',
      content: { ...typed('text/csv', 'CSV, one message a row'), ...typed('application/x-ndjson', 'JSON Lines, one message a line') },
    },
  },
  'GET /api/conversations/{id}': {
    tag: 'conversations',
    summary: 'One conversation and its transcript',
    description: 'Each answer names the role version that wrote it.',
    success: { description: 'The conversation', content: json(conversationTranscriptSchema) },
  },
  'PATCH /api/conversations/{id}': {
    tag: 'conversations',
    summary: 'Annotate a conversation: tags, reviewed, note',
    success: { description: 'The conversation as it is now', content: json(conversationAnnotatedSchema) },
  },
};
