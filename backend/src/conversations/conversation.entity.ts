import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Bot } from '../bots/bot.entity';
import { Visitor } from '../chat/visitor.entity';
import { Tenant } from '../tenants/tenant.entity';

@Entity('conversations')
@Index('conversations_visitor_created_idx', ['visitorId', 'createdAt'])
@Index('conversations_tenant_created_idx', ['tenantId', 'createdAt'])
@Index('conversations_bot_created_idx', ['botId', 'createdAt'])
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
