/**
 * Statements on a conversation's handoff state (PROTOCOL §7): one each, atomic by themselves, so
 * two staff members claiming at once are settled by the database — one UPDATE wins.
 */

/** Columns of an inbox row; `$1` is the tenant. */
export const INBOX_COLUMNS = `
  c.id, c.bot_id AS "botId", b.name AS "botName", c.state, c.waiting_since AS "waitingSince", c.updated_at AS "updatedAt",
  c.assignee_id AS "assigneeId", u.email AS "assigneeEmail", c.context, c.visitor_id AS "visitorId",
  v.external_id AS "externalId", v.name AS "visitorName", v.email AS "visitorEmail", v.verified_at AS "verifiedAt",
  (SELECT json_build_object('role', m.role, 'text', left(m.text, 200), 'createdAt', m.created_at) FROM messages m
     WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS "lastMessage",
  (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id AND m.role = 'user'
     AND m.created_at > coalesce(c.staff_read_at, c.waiting_since, '-infinity')) AS unread,
  (SELECT count(*)::int FROM conversations e WHERE e.visitor_id = c.visitor_id AND e.bot_id = c.bot_id AND e.id <> c.id AND e.last_message_at IS NOT NULL) AS "earlier"`;

const INBOX_FROM = `FROM conversations c JOIN bots b ON b.id = c.bot_id JOIN visitors v ON v.id = c.visitor_id LEFT JOIN users u ON u.id = c.assignee_id`;

/** Waiting first (longest waiting first), then those a person answers (latest activity first). */
export const INBOX_SQL = `SELECT ${INBOX_COLUMNS} ${INBOX_FROM}
  WHERE c.tenant_id = $1 AND c.state IN ('waiting', 'human')
  ORDER BY c.state = 'waiting' DESC, c.waiting_since ASC NULLS LAST, c.updated_at DESC LIMIT 500`;

export const INBOX_ITEM_SQL = `SELECT ${INBOX_COLUMNS} ${INBOX_FROM} WHERE c.tenant_id = $1 AND c.id = $2`;

/** The visitor asks for a person: waiting, unless a person already has it (or it is closed). */
export const REQUEST_SQL = `
  UPDATE conversations SET state = 'waiting', waiting_since = now(), updated_at = now()
  WHERE id = $1 AND state = 'bot' RETURNING state`;

/** Claimed by $3 when nobody holds it (or $3 already does); closed conversations stay closed. */
export const CLAIM_SQL = `
  UPDATE conversations SET state = 'human', assignee_id = $3, waiting_since = NULL, staff_read_at = now(), updated_at = now()
  WHERE tenant_id = $1 AND id = $2 AND state <> 'closed' AND (assignee_id IS NULL OR assignee_id = $3) RETURNING id`;

export const RELEASE_SQL = `
  UPDATE conversations SET state = 'bot', assignee_id = NULL, waiting_since = NULL, updated_at = now()
  WHERE tenant_id = $1 AND id = $2 AND state IN ('waiting', 'human') RETURNING id`;

export const CLOSE_SQL = `
  UPDATE conversations SET state = 'closed', assignee_id = NULL, waiting_since = NULL, updated_at = now()
  WHERE tenant_id = $1 AND id = $2 AND state <> 'closed' RETURNING id`;

export const STATE_SQL = `
  SELECT c.state, u.email AS "assigneeEmail" FROM conversations c LEFT JOIN users u ON u.id = c.assignee_id WHERE c.id = $1`;
