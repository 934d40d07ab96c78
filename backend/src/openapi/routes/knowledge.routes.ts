import { knowledgeSearchSchema, knowledgeSourceAnswerSchema, knowledgeSourceDetailSchema, knowledgeViewSchema } from '../response-schemas';
import { json, RouteDescription } from '../route-description';

/** A bot's knowledge (PROTOCOL §6): owners and agents read, owners write. */
export const knowledgeRoutes: Record<string, RouteDescription> = {
  'GET /api/bots/{id}/knowledge': {
    tag: 'knowledge',
    summary: "The bot's knowledge sources and the retrieval mode",
    success: { description: 'Sources, newest first', content: json(knowledgeViewSchema) },
  },
  'POST /api/bots/{id}/knowledge': {
    tag: 'knowledge',
    summary: 'Add a source: a file, pasted text, an FAQ or a URL',
    description:
      'A file as multipart/form-data field `file` (Markdown, plain text, HTML, PDF, DOCX; optional field `title`), or JSON `{ title, text }`, `{ title, faq: [{ question, answer }] }` or `{ url, crawl? }` (crawl: same-origin pages, robots.txt honoured, bounded in pages and depth). Indexing runs in the background: poll the source until `ready` or `failed` (with `error`).',
    success: { status: 202, description: 'The source, queued', content: json(knowledgeSourceAnswerSchema) },
    errors: { 409: 'The bot holds the most sources it may', 429: 'Too many knowledge changes by this user (Retry-After)' },
  },
  'POST /api/bots/{id}/knowledge/search': {
    tag: 'knowledge',
    summary: "What a visitor's question would retrieve, with scores",
    success: { description: 'Chunks, best first', content: json(knowledgeSearchSchema) },
    errors: { 429: 'Too many searches by this user (Retry-After)' },
  },
  'GET /api/bots/{id}/knowledge/{sourceId}': {
    tag: 'knowledge',
    summary: 'One source with its chunks (and, for text and FAQ, its content)',
    success: { description: 'The source', content: json(knowledgeSourceDetailSchema) },
  },
  'PUT /api/bots/{id}/knowledge/{sourceId}': {
    tag: 'knowledge',
    summary: 'New content for a text or FAQ source',
    description: 'Indexed again in the background; the previous chunks answer until the new ones are ready.',
    success: { status: 202, description: 'The source, queued', content: json(knowledgeSourceAnswerSchema) },
    errors: { 429: 'Too many knowledge changes by this user (Retry-After)' },
  },
  'DELETE /api/bots/{id}/knowledge/{sourceId}': {
    tag: 'knowledge',
    summary: 'Remove a source',
    description: 'It stops answering at once; its rows are removed by a background job.',
    success: { status: 204, description: 'Removed' },
    errors: { 429: 'Too many knowledge changes by this user (Retry-After)' },
  },
  'POST /api/bots/{id}/knowledge/{sourceId}/reindex': {
    tag: 'knowledge',
    summary: 'Index a source again (a URL is fetched again)',
    success: { status: 202, description: 'The source, queued', content: json(knowledgeSourceAnswerSchema) },
    errors: { 429: 'Too many knowledge changes by this user (Retry-After)' },
  },
};
