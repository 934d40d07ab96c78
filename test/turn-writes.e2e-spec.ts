import { PromptBuilder } from '../backend/src/prompt/prompt-builder';
import { chatHarness } from './support/chat-harness';
import { turn } from './support/reply-turn';
import { emitAck, nextEvent } from './support/visitor';

/**
 * The database work of a turn, kept small for the hot path (docs/performance.md): one statement
 * stores the question, the streaming answer and the conversation's counters (while the model is
 * already being asked); one stores the end, and a trigger counts its tokens for the bot's budgets.
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
    // Each strictly after the one before, even a question and its answer written in one clock
    // tick: the order of created_at alone is the conversation's order.
    const [{ ordered }] = await h.app.db.query(
      `SELECT bool_and(created_at > previous) AS ordered FROM (
         SELECT created_at, lag(created_at) OVER (ORDER BY created_at, id) AS previous FROM messages WHERE conversation_id = $1) t
       WHERE previous IS NOT NULL`,
      [session.conversation.id],
    );
    expect(ordered).toBe(true);

    const [conversation] = await h.app.db.query(`SELECT message_count, last_message_at FROM conversations WHERE id = $1`, [session.conversation.id]);
    expect(conversation.message_count).toBe(4);
    expect(conversation.last_message_at).not.toBeNull();
  });

  it('answers a repeated clientId with the same ids, and a second reply while one streams with busy', async () => {
    const { socket } = await h.visitor();
    const ended = nextEvent(socket, 'reply:end');
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
    // That reply ends, alone: the resend started no second one.
    expect(await ended).toMatchObject({ status: 'complete' });
  });

  it('stores an answer whose prompt could not be built as failed, says so, and leaves the conversation free', async () => {
    const { socket, session } = await h.visitor();
    // The turn is stored while the prompt is built; building it fails (e.g. the bot's key cannot be read).
    const failing = jest.spyOn(h.app.app.get(PromptBuilder), 'build').mockRejectedValueOnce(new Error('key unreadable'));
    let refused;
    try {
      refused = await turn(socket, 'w-5', 'Are you there?');
    } finally {
      failing.mockRestore();
    }
    expect(refused.end).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    const [stuck] = await h.app.db.query(`SELECT status, error_code, error_detail FROM messages WHERE id = $1`, [refused.replyId]);
    expect(stuck).toEqual({ status: 'failed', error_code: 'internal', error_detail: 'the reply could not start: key unreadable' });
    const [question] = await h.app.db.query(`SELECT text FROM messages WHERE conversation_id = $1 AND role = 'user'`, [session.conversation.id]);
    expect(question.text).toBe('Are you there?');

    const next = await turn(socket, 'w-6', 'Are you there now?');
    expect(next.end.status).toBe('complete');
  });

  it('counts an answer’s tokens on the bot’s day through the messages trigger, once', async () => {
    const { socket } = await h.visitor();
    const before = await botTokens();
    const done = await turn(socket, 'w-7', 'Count me');
    const [stored] = await h.app.db.query(`SELECT prompt_tokens + completion_tokens AS tokens FROM messages WHERE id = $1`, [done.replyId]);
    expect(stored.tokens).toBeGreaterThan(0);
    expect((await botTokens()) - before).toBe(stored.tokens);
    // Feedback rewrites the row, not its tokens: counted once.
    await emitAck(socket, 'feedback', { messageId: done.replyId, rating: 'up' });
    expect((await botTokens()) - before).toBe(stored.tokens);
  });

  async function botTokens(): Promise<number> {
    const [row] = await h.app.db.query(`SELECT coalesce(sum(tokens), 0)::int AS tokens FROM bot_token_usage WHERE bot_id = $1`, [h.fixture.bot.id]);
    return row.tokens;
  }
});
