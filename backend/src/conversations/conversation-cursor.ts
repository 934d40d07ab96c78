/**
 * Keyset position in the staff list: the last row's `last_message_at` and id. The timestamp travels
 * as PostgreSQL wrote it, to the microsecond: a JavaScript Date keeps only milliseconds, and rows
 * within the same millisecond would be skipped or repeated.
 */
export interface ConversationCursor {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, UTC. */
  at: string;
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SQL giving a timestamptz column in the cursor's form. */
export const cursorTimestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(cursor: ConversationCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

/** The cursor, or null if `value` is not one this API handed out. */
export function decodeCursor(value: string): ConversationCursor | null {
  if (!/^[\w-]{1,200}$/.test(value)) return null;
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (rest.length || !AT.test(at ?? '') || !UUID.test(id ?? '') || Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}
