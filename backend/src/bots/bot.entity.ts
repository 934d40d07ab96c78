import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../tenants/tenant.entity';
import type { LlmProviderName } from '../llm/llm.client';
import type { BotSettings } from './bot-settings';

@Entity('bots')
@Index('bots_public_key_key', ['publicKey'], { unique: true })
@Index('bots_tenant_id_idx', ['tenantId'])
@Check('bots_llm_provider_check', `"llm_provider" IN ('azure', 'openai')`)
export class Bot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'text' })
  name: string;

  /** What the embed snippet carries in `data-bot`; public by design. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  /** Exact `scheme://host[:port]` origins, or `*` where the owner allows any site. */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => `'{}'` })
  allowedOrigins: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings: Partial<BotSettings>;

  /** The role version that answers visitors; null until one is published. */
  @Column({ name: 'active_role_version', type: 'integer', nullable: true })
  activeRoleVersion: number | null;

  /** The provider of the bot's own account; null: the installation's. */
  @Column({ name: 'llm_provider', type: 'text', nullable: true })
  llmProvider: LlmProviderName | null;

  /** The bot's own account's endpoint (Azure resource or OpenAI-compatible base URL), set by its owner. */
  @Column({ name: 'llm_endpoint', type: 'text', nullable: true })
  llmEndpoint: string | null;

  /** The model (Azure: deployment) the bot asks for; null: its provider's default. */
  @Column({ name: 'llm_model', type: 'text', nullable: true })
  llmModel: string | null;

  /** AES-256-GCM ciphertext keyed from APP_SECRET; never returned by any API. */
  @Column({ name: 'llm_api_key_encrypted', type: 'text', nullable: true })
  llmApiKeyEncrypted: string | null;

  /**
   * The secret pages hash visitors' ids with (verified `identify`): AES-256-GCM ciphertext keyed
   * from APP_SECRET (BotIdentityBox). Shown once when made; never returned again, never logged.
   */
  @Column({ name: 'identity_secret_encrypted', type: 'text', nullable: true })
  identitySecretEncrypted: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
