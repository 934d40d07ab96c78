/** What `withoutSuperseded` needs of a message. */
export interface ReplyLink {
  role: string;
  inReplyTo: string | null;
}

/**
 * Drops the answers that a retry replaced: an assistant message is superseded when a later
 * assistant message answers the same question. The visitor's view and the model's history
 * show only the latest answer; the staff still see every attempt. `rows` oldest first.
 */
export function withoutSuperseded<T extends ReplyLink>(rows: T[]): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) if (row.role === 'assistant' && row.inReplyTo) latest.set(row.inReplyTo, row);
  return rows.filter((row) => row.role !== 'assistant' || !row.inReplyTo || latest.get(row.inReplyTo) === row);
}
