import type { StoredSource } from './messages.repository';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageRole, MessageStatus } from '../chat/widget.events';
import { Conversation } from './conversation.entity';

@Entity('messages')
@Index('messages_conversation_created_idx', ['conversationId', 'createdAt'])
// A retried send with the same clientId must not create a second message.
@Index('messages_conversation_client_id_key', ['conversationId', 'clientId'], { unique: true, where: 'client_id IS NOT NULL' })
// One reply streams at a time in a conversation.
@Index('messages_one_streaming_per_conversation', ['conversationId'], { unique: true, where: `status = 'streaming'` })
// Substring search (ILIKE '%q%', CJK included) for the staff list; the operator class is beyond
// what TypeORM can declare, so the migration owns this index.
@Index('messages_text_trgm_idx', { synchronize: false })
@Check('messages_role_check', `role IN ('user', 'assistant', 'agent')`)
@Check('messages_status_check', `status IN ('complete', 'streaming', 'stopped', 'filtered', 'failed')`)
@Check('messages_feedback_check', `feedback IS NULL OR feedback IN ('up', 'down')`)
@Check('messages_user_has_client_id', `role <> 'user' OR client_id IS NOT NULL`)
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ type: 'text' })
  role: MessageRole;

  @Column({ type: 'text', default: '' })
  text: string;

  @Column({ type: 'text', default: 'complete' })
  status: MessageStatus;

  @Column({ name: 'client_id', type: 'text', nullable: true })
  clientId: string | null;

  /** For an answer: the visitor message it answers. */
  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo: string | null;

  @ManyToOne(() => Message, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'in_reply_to' })
  question?: Message;

  /** For an answer: the bot role version that produced it. */
  @Column({ name: 'role_version', type: 'integer', nullable: true })
  roleVersion: number | null;

  /** Role `agent`: the staff member who wrote it (PROTOCOL §7). */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  /** For an answer: the passages of the bot's documents it was given (PROTOCOL §6). */
  @Column({ type: 'jsonb', nullable: true })
  sources: StoredSource[] | null;

  @Column({ name: 'prompt_tokens', type: 'integer', nullable: true })
  promptTokens: number | null;

  @Column({ name: 'completion_tokens', type: 'integer', nullable: true })
  completionTokens: number | null;

  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs: number | null;

  @Column({ name: 'first_token_ms', type: 'integer', nullable: true })
  firstTokenMs: number | null;

  @Column({ name: 'finish_reason', type: 'text', nullable: true })
  finishReason: string | null;

  @Column({ name: 'content_filter', type: 'jsonb', nullable: true })
  contentFilter: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;

  /** Why an answer failed or was filtered, for the owner's eyes (keys scrubbed); never sent to visitors. */
  @Column({ name: 'error_detail', type: 'text', nullable: true })
  errorDetail: string | null;

  @Column({ type: 'text', nullable: true })
  feedback: 'up' | 'down' | null;

  @Column({ name: 'feedback_comment', type: 'text', nullable: true })
  feedbackComment: string | null;

  // clock_timestamp, not now(): a question and its answer are inserted in one transaction.
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
