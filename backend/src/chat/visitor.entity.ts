import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Bot } from '../bots/bot.entity';

/**
 * A visitor of one bot, known by the signed token kept in their browser; anonymous, or a user of
 * the site when a handshake carried a verified identity (`identify` with a valid hash).
 */
@Entity('visitors')
@Index('visitors_bot_id_idx', ['botId'])
// One visitor per user of the site and bot, so every device of theirs continues the same conversations.
@Index('visitors_bot_external_id_key', ['botId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
export class Visitor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'bot_id', type: 'uuid' })
  botId: string;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Bot;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  /** The site's id of this user, set only by a verified identity; null for an anonymous visitor. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  /** As the page gave them with the latest verified identity (the hash covers the id only). */
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** The latest handshake that verified this identity. */
  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
