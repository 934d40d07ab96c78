import type { DataSource } from 'typeorm';
import { withoutSuperseded } from './superseded';

/** How many of a conversation's latest messages a turn reads for the model's history. */
export const HISTORY_ROWS = 200;

/** A turn of the conversation as the model sees it. */
export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface TurnReads {
  /** The ids of an earlier `message:send` with the same clientId (a resend), or null. */
  replay: { messageId: string; replyId: string } | null;
  /** The bot's published role now; version null when none is published. */
  role: { version: number | null; systemPrompt: string };
  /** The conversation so far, oldest first, retried answers' earlier attempts left out. */
  history: HistoryTurn[];
}

interface HistoryRow {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  inReplyTo: string | null;
}

/**
 * Everything a turn reads before it is stored, in one statement: a resend's ids, the active
 * role and the history. One round trip to PostgreSQL instead of four, and plain rows instead of
 * hydrated entities (the history is up to 200 messages per turn). docs/performance.md.
 */
const TURN_READS_SQL = `
  SELECT
    (SELECT json_build_object('messageId', q.id, 'replyId',
        (SELECT a.id FROM messages a WHERE a.conversation_id = $1 AND a.in_reply_to = q.id ORDER BY a.created_at DESC LIMIT 1))
     FROM messages q WHERE q.conversation_id = $1 AND q.client_id = $2) AS replay,
    (SELECT json_build_object('version', r.version, 'systemPrompt', r.system_prompt)
     FROM bots b JOIN bot_roles r ON r.bot_id = b.id AND r.version = b.active_role_version WHERE b.id = $3) AS role,
    (SELECT coalesce(json_agg(json_build_object('id', h.id, 'role', h.role, 'text', h.text, 'inReplyTo', h.in_reply_to) ORDER BY h.created_at, h.id), '[]')
     FROM (SELECT id, role, text, in_reply_to, created_at FROM messages WHERE conversation_id = $1
           ORDER BY created_at DESC, id DESC LIMIT ${HISTORY_ROWS}) h) AS history`;

export async function readTurn(db: DataSource, conversationId: string, clientId: string, botId: string): Promise<TurnReads> {
  const [row] = (await db.query(TURN_READS_SQL, [conversationId, clientId, botId])) as Array<{
    replay: { messageId: string; replyId: string | null } | null;
    role: { version: number; systemPrompt: string } | null;
    history: HistoryRow[];
  }>;
  return {
    replay: row.replay ? { messageId: row.replay.messageId, replyId: row.replay.replyId ?? '' } : null,
    role: row.role ?? { version: null, systemPrompt: '' },
    history: modelTurns(row.history, ''),
  };
}

const HISTORY_SQL = `
  SELECT id, role, text, in_reply_to AS "inReplyTo" FROM messages WHERE conversation_id = $1
  ORDER BY created_at DESC, id DESC LIMIT ${HISTORY_ROWS}`;

/** The history alone (a retry): newest rows read, returned oldest first, `excludeId` left out. */
export async function readHistory(db: DataSource, conversationId: string, excludeId: string): Promise<HistoryTurn[]> {
  const rows = (await db.query(HISTORY_SQL, [conversationId])) as HistoryRow[];
  return modelTurns(rows.reverse(), excludeId);
}

function modelTurns(rows: HistoryRow[], excludeId: string): HistoryTurn[] {
  return withoutSuperseded(rows)
    .filter((m) => m.id !== excludeId && m.text.trim() !== '')
    .map((m) => ({ role: m.role, content: m.text }));
}
