import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Bot } from '../bots/bot.entity';

/**
 * Tokens a bot's answers used per UTC day: the counters its daily and monthly budgets read, at
 * most 31 rows per check instead of a sum over every message of the month. Kept by the trigger
 * `messages_count_bot_tokens` (see the migration), so every write of an answer's token usage
 * counts — the reply runner's, a sweep's, a test's seed — and none is counted twice.
 */
@Entity('bot_token_usage')
export class BotTokenUsage {
  @PrimaryColumn({ name: 'bot_id', type: 'uuid' })
  botId: string;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Bot;

  /** The UTC day the answers completed on. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  /** Prompt plus completion tokens; bigint, which the driver hands over as a string. */
  @Column({ type: 'bigint', default: 0 })
  tokens: string;
}
