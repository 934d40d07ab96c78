import { BotsService } from '../backend/src/bots/bots.service';
import { chatHarness } from './support/chat-harness';
import { turn } from './support/reply-turn';
import { emitAck } from './support/visitor';

/**
 * The database work of a turn, kept small for the hot path (docs/performance.md): one statement
 * stores the question, the streaming answer and the conversation's counters; one stores the end.
 */
describe('a turn’s writes', () => {
  const h = chatHarness({ settings: { locale: 'en' } });

  it('stores the question, then the answer, and counts both on the conversation', async () => {
    const { socket, session } = await h.visitor();
    const first = await turn(socket, 'w-1', 'How much water?');
    const second = await turn(socket, 'w-2', 'And tea?');
    expect([first.end.status, second.end.status]).toEqual(['complete', 'complete']);

    const rows: Array<{ id: string; role: string; status: string; text: string; in_reply_to: string | null; created_at: Date }> = await h.app.db.query(
      `SELECT id, role, status, text, in_reply_to, created_at FROM messages WHERE conversation_id = $1 ORDER BY created_at, id`,
      [session.conversation.id],
    );
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(rows[1]).toMatchObject({ id: first.replyId, in_reply_to: rows[0].id, text: first.end.text });
    expect(rows[3]).toMatchObject({ id: second.replyId, in_reply_to: rows[2].id, text: second.end.text });
    // Strictly after its question, even when both fall in one clock tick.
    expect(rows[1].created_at.getTime()).toBeGreaterThanOrEqual(rows[0].created_at.getTime());
    expect(new Set(rows.map((r) => r.created_at.toISOString() + r.id)).size).toBe(4);

    const [conversation] = await h.app.db.query(`SELECT message_count, last_message_at FROM conversations WHERE id = $1`, [session.conversation.id]);
    expect(conversation.message_count).toBe(4);
    expect(conversation.last_message_at).not.toBeNull();
  });

  it('answers a repeated clientId with the same ids, and a second reply while one streams with busy', async () => {
    const { socket } = await h.visitor();
    h.simulator.configure({ ttftMs: 300 });
    try {
      const a = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'w-3', text: 'One?' });
      const again = await emitAck<{ messageId: string; replyId: string }>(socket, 'message:send', { clientId: 'w-3', text: 'One?' });
      const other = await emitAck(socket, 'message:send', { clientId: 'w-4', text: 'Two?' });
      expect(a.ok && again.ok && again.messageId === a.messageId && again.replyId === a.replyId).toBe(true);
      expect(other).toMatchObject({ ok: false, error: { code: 'busy' } });
    } finally {
      h.simulator.configure({ ttftMs: 10 });
    }
    // Let that reply end before the next test.
    await new Promise((r) => setTimeout(r, 800));
  });

  it('stores an answer that could not start as failed, so the conversation is not left busy', async () => {
    const { socket, session } = await h.visitor();
    // The turn is stored, then building the model's request fails (e.g. the bot's key cannot be read).
    const failing = jest.spyOn(h.app.app.get(BotsService), 'llmRequest').mockImplementationOnce(() => {
      throw new Error('key unreadable');
    });
    try {
      const refused = await emitAck<{ replyId: string }>(socket, 'message:send', { clientId: 'w-5', text: 'Are you there?' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      failing.mockRestore();
    }
    const [stuck] = await h.app.db.query(`SELECT status, error_code FROM messages WHERE conversation_id = $1 AND role = 'assistant'`, [session.conversation.id]);
    expect(stuck).toEqual({ status: 'failed', error_code: 'internal' });

    const next = await turn(socket, 'w-6', 'Are you there now?');
    expect(next.end.status).toBe('complete');
  });
});
