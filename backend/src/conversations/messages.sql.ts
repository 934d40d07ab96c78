/**
 * The chat's statements on `messages` (messages.repository.ts is their only user). Each is one
 * statement, atomic by itself: no BEGIN/COMMIT round trips on the hot path (docs/performance.md).
 */

/** A resend's ids: the question with this clientId and its latest answer. */
export const REPLAY_SQL = `
  SELECT q.id AS "messageId",
    (SELECT a.id FROM messages a WHERE a.conversation_id = $1 AND a.in_reply_to = q.id ORDER BY a.created_at DESC LIMIT 1) AS "replyId"
  FROM messages q WHERE q.conversation_id = $1 AND q.client_id = $2`;

/** What a turn reads before it is taken, in one statement: a resend's ids ($2) and the history ($3 rows). */
export const TURN_READS_SQL = `
  SELECT
    (SELECT json_build_object('messageId', q.id, 'replyId',
        (SELECT a.id FROM messages a WHERE a.conversation_id = $1 AND a.in_reply_to = q.id ORDER BY a.created_at DESC LIMIT 1))
     FROM messages q WHERE q.conversation_id = $1 AND q.client_id = $2) AS replay,
    (SELECT coalesce(json_agg(json_build_object('id', h.id, 'role', h.role, 'text', h.text, 'inReplyTo', h.in_reply_to) ORDER BY h.created_at, h.id), '[]')
     FROM (SELECT id, role, text, in_reply_to, created_at FROM messages WHERE conversation_id = $1
           ORDER BY created_at DESC, id DESC LIMIT $3) h) AS history,
    (SELECT state FROM conversations WHERE id = $1) AS state`;

/** Newest first; the repository returns them oldest first. */
export const HISTORY_SQL = `
  SELECT id, role, text, in_reply_to AS "inReplyTo" FROM messages WHERE conversation_id = $1
  ORDER BY created_at DESC, id DESC LIMIT $2`;

/**
 * The visitor's message ($2, $3, $4), the answer $5 as `streaming` (after the question even within
 * one clock tick) and the conversation's counters, which the staff list reads instead of counting.
 * The answer only while the bot answers the conversation (PROTOCOL §7): when a person was asked
 * for, or has it, the question is stored alone and the result's id is null. A closed conversation
 * the visitor writes to again is the bot's again.
 */
export const STORE_TURN_SQL = `
  WITH conv AS (
    SELECT state FROM conversations WHERE id = $1
  ), question AS (
    INSERT INTO messages (id, conversation_id, role, text, client_id, status)
    VALUES ($2, $1, 'user', $3, $4, 'complete')
    RETURNING id, created_at
  ), answer AS (
    INSERT INTO messages (id, conversation_id, role, text, status, in_reply_to, created_at)
    SELECT $5, $1, 'assistant', '', 'streaming', question.id, greatest(clock_timestamp(), question.created_at + interval '1 microsecond')
    FROM question, conv WHERE conv.state IN ('bot', 'closed')
    RETURNING id
  ), counters AS (
    UPDATE conversations SET updated_at = now(), last_message_at = clock_timestamp(),
      message_count = message_count + CASE WHEN (SELECT state FROM conv) IN ('bot', 'closed') THEN 2 ELSE 1 END,
      state = CASE WHEN state = 'closed' THEN 'bot' ELSE state END
    WHERE id = $1
  )
  SELECT (SELECT id FROM answer) AS id, (SELECT state FROM conv) AS state`;

/** A message no model answers ($5 role, $6 author): a visitor's while a person handles it, a staff member's, a rule's fixed answer. */
export const STORE_MESSAGE_SQL = `
  WITH message AS (
    INSERT INTO messages (id, conversation_id, role, text, client_id, status, author_id, in_reply_to)
    VALUES ($2, $1, $5, $3, $4, 'complete', $6, $7)
    RETURNING id, created_at
  ), counters AS (
    UPDATE conversations SET updated_at = now(), message_count = message_count + 1, last_message_at = clock_timestamp()
    WHERE id = $1
  )
  SELECT message.id, message.created_at AS "createdAt" FROM message`;

/** A retry's answer $2 to the question $3, and the conversation's counters. */
export const STORE_RETRY_SQL = `
  WITH answer AS (
    INSERT INTO messages (id, conversation_id, role, text, status, in_reply_to)
    VALUES ($2, $1, 'assistant', '', 'streaming', $3)
    RETURNING id
  ), counters AS (
    UPDATE conversations SET updated_at = now(), message_count = message_count + 1, last_message_at = clock_timestamp()
    WHERE id = $1
  )
  SELECT answer.id FROM answer`;

const END_SET = `text = $2, status = $3, error_code = $4, error_detail = $5, finish_reason = $6, prompt_tokens = $7,
  completion_tokens = $8, content_filter = $9::jsonb, latency_ms = $10, first_token_ms = $11, role_version = $12, sources = $13::jsonb, completed_at = now()`;

/** A reply's end. Its tokens reach bot_token_usage through the messages_count_bot_tokens trigger. */
export const STORE_END_SQL = `UPDATE messages SET ${END_SET} WHERE id = $1`;

/** The same, flagging the conversation ($14) for review (content filtered). */
export const STORE_END_FLAGGED_SQL = `
  WITH answer AS (UPDATE messages SET ${END_SET} WHERE id = $1 RETURNING id)
  UPDATE conversations SET flagged = true WHERE id = $14`;

/** Replies left `streaming` by a crash; with a minimum age when other instances may still be generating theirs. */
export const SWEEP_SQL = (olderThanMinutes: number | null) => `
  UPDATE messages SET status = 'failed', error_code = 'internal', completed_at = now(),
    error_detail = 'the server stopped while the reply was streaming (crash or kill)'
  WHERE status = 'streaming' ${olderThanMinutes === null ? '' : `AND created_at < now() - interval '${Math.floor(olderThanMinutes)} minutes'`}`;

/** An answer's tokens are summed per conversation for its budget (a few hundred rows at most). */
export const CONVERSATION_TOKENS_SQL = `
  SELECT coalesce(sum(coalesce(prompt_tokens, 0) + coalesce(completion_tokens, 0)), 0) AS used
  FROM messages WHERE conversation_id = $1`;
