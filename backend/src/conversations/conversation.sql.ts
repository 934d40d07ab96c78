import { ConversationCursor, cursorTimestamp } from './conversation-cursor';
import type { ConversationFilters } from './dto/conversation-query.dto';

/**
 * The SQL of the staff conversation views, as pure functions so the query-plan test EXPLAINs
 * exactly what the API runs. Every query starts from the caller's tenant.
 */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Newest activity first; the indexes on (tenant_id | bot_id, last_message_at, id) are read backwards. */
const NEWEST_FIRST = 'c.last_message_at DESC, c.id DESC';

/** `q` as an ILIKE substring pattern; %, _ and \ match themselves. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

function where(tenantId: string, f: ConversationFilters, p: Params, after?: ConversationCursor): string {
  // `last_message_at IS NOT NULL`: only conversations with a message, and the activity indexes' predicate.
  const clauses = [`c.tenant_id = ${p.add(tenantId)}`, 'c.last_message_at IS NOT NULL'];
  const hasMessage = (condition: string) => `EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND ${condition})`;
  if (f.bot) clauses.push(`c.bot_id = ${p.add(f.bot)}`);
  if (f.from) clauses.push(`c.last_message_at >= ${p.add(f.from)}`);
  if (f.to) clauses.push(`c.last_message_at < ${p.add(f.to)}`);
  if (f.reviewed !== undefined) clauses.push(`c.reviewed = ${p.add(f.reviewed)}`);
  if (f.tag) clauses.push(`c.tags @> ARRAY[${p.add(f.tag)}]::text[]`);
  if (f.status) clauses.push(hasMessage(`m.role = 'assistant' AND m.status = ${p.add(f.status)}`));
  if (f.rating) clauses.push(hasMessage(`m.feedback = ${p.add(f.rating)}`));
  if (f.q) clauses.push(hasMessage(`m.text ILIKE ${p.add(likePattern(f.q))}`));
  if (after) clauses.push(`(c.last_message_at, c.id) < (${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)`);
  return clauses.join(' AND ');
}

/**
 * Summaries of the conversations `page` yields (a subquery aliased `c`). The laterals run once per
 * row of the page, after its LIMIT, never over the whole filtered set.
 */
function summaries(page: string): string {
  return `SELECT c.id, c.bot_id AS "botId", b.name AS "botName", c.visitor_id AS "visitorId", c.created_at AS "createdAt",
      c.last_message_at AS "lastMessageAt", ${cursorTimestamp('c.last_message_at')} AS "cursorAt", c.message_count AS "messageCount",
      c.tags, c.reviewed, c.flagged, c.note, coalesce(p.preview, '') AS preview, s.statuses, s.up, s.down,
      v.external_id AS "externalId", v.name AS "visitorName", v.email AS "visitorEmail"
    FROM (${page}) c
    JOIN bots b ON b.id = c.bot_id
    LEFT JOIN visitors v ON v.id = c.visitor_id AND v.external_id IS NOT NULL AND v.verified_at IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT left(m.text, 120) AS preview FROM messages m
      WHERE m.conversation_id = c.id AND m.role = 'user' ORDER BY m.created_at, m.id LIMIT 1
    ) p ON true
    CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(DISTINCT m.status) FILTER (WHERE m.role = 'assistant' AND m.status IN ('stopped', 'filtered', 'failed')), '{}') AS statuses,
        count(*) FILTER (WHERE m.feedback = 'up')::int AS up, count(*) FILTER (WHERE m.feedback = 'down')::int AS down
      FROM messages m WHERE m.conversation_id = c.id
    ) s`;
}

export function listQuery(tenantId: string, filters: ConversationFilters, after: ConversationCursor | undefined, limit: number): SqlQuery {
  const p = new Params();
  const page = `SELECT c.* FROM conversations c WHERE ${where(tenantId, filters, p, after)} ORDER BY ${NEWEST_FIRST} LIMIT ${p.add(limit)}`;
  return { text: `${summaries(page)} ORDER BY ${NEWEST_FIRST}`, values: p.values };
}

/** How many conversations the filters match, all pages together. */
export function countQuery(tenantId: string, filters: ConversationFilters): SqlQuery {
  const p = new Params();
  return { text: `SELECT count(*)::int AS total FROM conversations c WHERE ${where(tenantId, filters, p)}`, values: p.values };
}

export function summaryQuery(tenantId: string, id: string): SqlQuery {
  return { text: summaries('SELECT c.* FROM conversations c WHERE c.tenant_id = $1 AND c.id = $2'), values: [tenantId, id] };
}

/** One page of the export: the conversations, in list order, with what each message row repeats. */
export function exportConversationsQuery(tenantId: string, filters: ConversationFilters, after: ConversationCursor | undefined, limit: number): SqlQuery {
  const p = new Params();
  const text = `SELECT c.id, c.visitor_id AS "visitorId", c.tags, c.note, c.reviewed, b.name AS "botName", ${cursorTimestamp('c.last_message_at')} AS "cursorAt"
    FROM conversations c JOIN bots b ON b.id = c.bot_id
    WHERE ${where(tenantId, filters, p, after)} ORDER BY ${NEWEST_FIRST} LIMIT ${p.add(limit)}`;
  return { text, values: p.values };
}

/** Where a batch of export messages stopped: the conversation's place in the page, then the message. */
export interface MessageKey {
  ord: number;
  at: string;
  id: string;
}

/** Messages of a page's conversations, in page order then oldest first, `limit` at a time. */
export function exportMessagesQuery(conversationIds: string[], after: MessageKey | undefined, limit: number): SqlQuery {
  const p = new Params();
  const ids = p.add(conversationIds);
  const rest = after ? `WHERE (page.ord, m.created_at, m.id) > (${p.add(after.ord)}::bigint, ${p.add(after.at)}::timestamptz, ${p.add(after.id)}::uuid)` : '';
  const text = `SELECT page.ord::int AS ord, m.conversation_id AS "conversationId", m.id, m.created_at AS "createdAt",
      ${cursorTimestamp('m.created_at')} AS "cursorAt", m.role, m.status, m.role_version AS "roleVersion", m.text, m.feedback,
      m.feedback_comment AS "feedbackComment", m.prompt_tokens AS "promptTokens", m.completion_tokens AS "completionTokens", m.sources
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS page(id, ord)
    JOIN messages m ON m.conversation_id = page.id
    ${rest}
    ORDER BY page.ord, m.created_at, m.id LIMIT ${p.add(limit)}`;
  return { text, values: p.values };
}
