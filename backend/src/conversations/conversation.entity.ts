import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Bot } from '../bots/bot.entity';
import { Visitor } from '../chat/visitor.entity';
import { Tenant } from '../tenants/tenant.entity';

@Entity('conversations')
@Index('conversations_visitor_created_idx', ['visitorId', 'createdAt'])
@Index('conversations_tenant_created_idx', ['tenantId', 'createdAt'])
@Index('conversations_bot_created_idx', ['botId', 'createdAt'])
// The staff list: newest activity first, keyset on (last_message_at, id), scanned backwards.
@Index('conversations_tenant_activity_idx', ['tenantId', 'lastMessageAt', 'id'], { where: 'last_message_at IS NOT NULL' })
@Index('conversations_bot_activity_idx', ['botId', 'lastMessageAt', 'id'], { where: 'last_message_at IS NOT NULL' })
@Index('conversations_tags_idx', ['tags'], { type: 'gin' })
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Denormalised from the bot so every staff query can filter by tenant first. */
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ name: 'bot_id', type: 'uuid' })
  botId: string;

  @ManyToOne(() => Bot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bot_id' })
  bot?: Bot;

  @Column({ name: 'visitor_id', type: 'uuid' })
  visitorId: string;

  @ManyToOne(() => Visitor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'visitor_id' })
  visitor?: Visitor;

  /** Staff annotations (PATCH /api/conversations/:id). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ type: 'boolean', default: false })
  reviewed: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Set when a visitor's prompt was content-filtered. */
  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  /** Kept by ChatService.storeTurn in the turn's transaction, so the list needs no count over messages. */
  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  /** Null until the first message: the staff list shows only conversations that have one. */
  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
