import { Injectable, Optional } from '@nestjs/common';
import { BotChanges } from '../bots/bot-changes';
import type { Bot } from '../bots/bot.entity';
import { HISTORY_ROWS, type HistoryRow } from '../conversations/messages.repository';

/** What this instance last knew of a conversation: its bot's row and its history, oldest first. */
export interface KnownTurns {
  bot: Bot;
  history: HistoryRow[];
}

/** Characters of history kept in all; the conversation used longest ago goes first. */
const MAX_CHARS = 20_000_000;

/**
 * The conversations this instance answered lately, so the next message's prompt can be built,
 * and the model asked, before the turn's reads come back (chat.service.ts). Never trusted: every
 * turn still reads the bot and the history, and a prompt built from what is here is replaced
 * before anything reaches the visitor when they differ (another instance wrote, the owner
 * changed the bot).
 */
@Injectable()
export class TurnCache {
  private readonly entries = new Map<string, KnownTurns & { chars: number }>();
  private chars = 0;

  /** Without `changes` (unit tests) nothing tells it of bots changed here. */
  constructor(@Optional() changes?: BotChanges) {
    changes?.listen((botId) => this.forgetBot(botId));
  }

  /** Every conversation of a bot its owner just changed on this instance. */
  forgetBot(botId: string): void {
    for (const [id, entry] of this.entries) if (entry.bot.id === botId) this.forget(id);
  }

  get(conversationId: string): KnownTurns | undefined {
    const entry = this.entries.get(conversationId);
    if (!entry) return undefined;
    // Most recently used last: eviction takes the first.
    this.entries.delete(conversationId);
    this.entries.set(conversationId, entry);
    return entry;
  }

  /** The conversation as the database has it now, with this turn's rows added. */
  set(conversationId: string, bot: Bot, history: HistoryRow[]): void {
    this.forget(conversationId);
    const kept = history.slice(-HISTORY_ROWS);
    const chars = kept.reduce((sum, row) => sum + row.text.length, 0);
    this.entries.set(conversationId, { bot, history: kept, chars });
    this.chars += chars;
    for (const [id, entry] of this.entries) {
      if (this.chars <= MAX_CHARS) break;
      this.entries.delete(id);
      this.chars -= entry.chars;
    }
  }

  /** A reply's stored text, once its end is written. */
  ended(conversationId: string, replyId: string, text: string): void {
    const entry = this.entries.get(conversationId);
    const row = entry?.history.find((r) => r.id === replyId);
    if (!entry || !row) return;
    entry.chars += text.length - row.text.length;
    this.chars += text.length - row.text.length;
    row.text = text;
  }

  forget(conversationId: string): void {
    const entry = this.entries.get(conversationId);
    if (!entry) return;
    this.entries.delete(conversationId);
    this.chars -= entry.chars;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Whether two histories are the same rows with the same texts (what a prompt is built from). */
export function sameHistory(a: HistoryRow[], b: HistoryRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].id !== b[i].id || a[i].text !== b[i].text || a[i].inReplyTo !== b[i].inReplyTo) return false;
  }
  return true;
}
