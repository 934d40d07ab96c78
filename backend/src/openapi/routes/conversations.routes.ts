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
    description:
      'Streamed as an attachment; CSV starts with a BOM so spreadsheets read it as UTF-8. The CSV is for people: `tz` (an IANA time zone such as `Asia/Shanghai`, default `UTC`; an unknown zone is a 400 naming `tz`) writes its times as local times with their offset (`2026-12-03 18:05:09 +08:00`) under a time header that names the zone, and `lang` (`en`, the default, or `zh-CN`) is the language of its headers and of the reviewed column (yes/no, 是/否). Each message row repeats its conversation\'s tags, note and reviewed mark; cells a spreadsheet would run as a formula start with an apostrophe. JSON Lines is for machines: ISO UTC times (`createdAt`) and the API\'s field names, including `tags`, `note` and `reviewed`, whatever `tz` and `lang` say.',
    success: {
      description: 'The file',
      content: {
        ...typed('text/csv', 'CSV, one message a row, times in `tz`, headers in `lang`'),
        ...typed('application/x-ndjson', 'JSON Lines, one message a line, ISO UTC times'),
      },
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
