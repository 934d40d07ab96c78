import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthUser } from '../auth/auth-user';
import { AppConfig } from '../config/app-config';
import { OutboundGuard } from '../outbound/outbound-guard';
import { limitSettingErrors } from '../limits/limit-settings';
import { BotChanges } from './bot-changes';
import { BotIdentityBox } from './bot-identity-box';
import { BotKeyBox } from './bot-key-box';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';
import { BotView, toBotView, toIdentityView } from './bot.view';
import { AZURE_DEPLOYMENT_NAME, type BotLlmPatch, type CreateBotDto, type UpdateBotDto } from './bots.dto';
import { BotsService } from './bots.service';
import { newPublicKey } from './public-key';

/** Bots as their tenant's staff configure them. Every query is scoped by the user's tenant. */
@Injectable()
export class BotAdminService {
  constructor(
    private readonly config: AppConfig,
    private readonly bots: BotsService,
    private readonly keyBox: BotKeyBox,
    private readonly identityBox: BotIdentityBox,
    private readonly outbound: OutboundGuard,
    private readonly changes: BotChanges,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Bot) private readonly repo: Repository<Bot>,
  ) {}

  async list(user: AuthUser, origin: string): Promise<BotView[]> {
    const bots = await this.repo.find({ where: { tenantId: user.tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return bots.map((bot) => toBotView(bot, this.baseUrl(origin)));
  }

  async get(user: AuthUser, id: string, origin: string): Promise<BotView> {
    return toBotView(await this.bots.findForTenant(user.tenantId, id), this.baseUrl(origin));
  }

  /** A new bot; with a system prompt it starts with that as role version 1, active. */
  async create(user: AuthUser, dto: CreateBotDto, origin: string): Promise<BotView> {
    // A new bot has no identity secret yet.
    if (dto.settings?.requireIdentity) throw needsSecret();
    this.assertWithinCeilings(dto.settings);
    const llm = this.llmColumns(undefined, dto.llm);
    const bot = await this.db.transaction(async (tx) => {
      const bot = await tx.save(
        Bot,
        tx.create(Bot, {
          tenantId: user.tenantId,
          name: dto.name,
          publicKey: newPublicKey(),
          allowedOrigins: dto.allowedOrigins ?? [],
          settings: dto.settings ?? {},
          ...llm,
          activeRoleVersion: dto.systemPrompt ? 1 : null,
        }),
      );
      if (dto.systemPrompt) {
        await tx.insert(BotRole, { botId: bot.id, version: 1, systemPrompt: dto.systemPrompt, note: dto.note ?? null, authorId: user.id });
      }
      return bot;
    });
    return this.get(user, bot.id, origin);
  }

  /** One UPDATE, settings merged in SQL, so concurrent edits of different settings both land. */
  async update(user: AuthUser, id: string, dto: UpdateBotDto, origin: string): Promise<BotView> {
    const bot = await this.bots.findForTenant(user.tenantId, id);
    // The secret is never removed once made (only rotated), so checking it here is not racy.
    if (dto.settings?.requireIdentity && bot.identitySecretEncrypted === null) throw needsSecret();
    const llm = this.llmColumns(bot, dto.llm);
    this.assertWithinCeilings(dto.settings);
    const set: QueryDeepPartialEntity<Bot> = {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.enabled !== undefined && { enabled: dto.enabled }),
      ...(dto.allowedOrigins !== undefined && { allowedOrigins: dto.allowedOrigins }),
      ...llm,
      ...(dto.settings && { settings: () => `settings || CAST(:settingsPatch AS jsonb)` }),
    };
    if (Object.keys(set).length) {
      await this.repo
        .createQueryBuilder()
        .update(Bot)
        .set(set)
        .where({ id: bot.id, tenantId: user.tenantId })
        .setParameter('settingsPatch', JSON.stringify(dto.settings ?? {}))
        .execute();
      this.changes.changed(bot.id);
    }
    return this.get(user, bot.id, origin);
  }

  /**
   * A new identity secret (32 random bytes, hex) replacing any old one: hashes made with the old
   * one stop verifying at the next handshake. The secret is in this answer only.
   */
  async rotateIdentitySecret(user: AuthUser, id: string): Promise<{ secret: string; identity: ReturnType<typeof toIdentityView> }> {
    const bot = await this.bots.findForTenant(user.tenantId, id);
    const secret = randomBytes(32).toString('hex');
    bot.identitySecretEncrypted = this.identityBox.seal(secret);
    await this.repo.update({ id: bot.id, tenantId: user.tenantId }, { identitySecretEncrypted: bot.identitySecretEncrypted });
    this.changes.changed(bot.id);
    return { secret, identity: toIdentityView(bot) };
  }

  /**
   * The columns a bot's `llm` patch sets: null fields go back to the installation's, `null` as a
   * whole clears them all, the key is sealed. What the bot ends up with is checked: an endpoint
   * passes the outbound guard's rules (checked again at every connection), needs a provider, and a
   * model for Azure is a deployment name (it goes into the URL path).
   */
  private llmColumns(bot: Bot | undefined, llm: BotLlmPatch | null | undefined): Partial<Pick<Bot, 'llmProvider' | 'llmEndpoint' | 'llmModel' | 'llmApiKeyEncrypted'>> {
    if (llm === undefined) return {};
    if (llm === null) return { llmProvider: null, llmEndpoint: null, llmModel: null, llmApiKeyEncrypted: null };
    const refusal = llm.endpoint ? this.outbound.check(llm.endpoint) : undefined;
    if (refusal) throw new BadRequestException(`llm.endpoint: ${refusal}`);
    const provider = llm.provider !== undefined ? llm.provider : (bot?.llmProvider ?? null);
    const endpoint = llm.endpoint !== undefined ? llm.endpoint : (bot?.llmEndpoint ?? null);
    const model = llm.model !== undefined ? llm.model : (bot?.llmModel ?? null);
    if (endpoint && !provider) throw new BadRequestException('llm.provider: say which provider the endpoint is (azure or openai)');
    const effective = provider ?? (this.config.llmProvider === 'openai' ? 'openai' : 'azure');
    if (model && effective === 'azure' && !AZURE_DEPLOYMENT_NAME.test(model)) {
      throw new BadRequestException('llm.model: must be an Azure deployment name (letters, digits, . _ -, at most 64)');
    }
    return {
      ...(llm.provider !== undefined && { llmProvider: llm.provider }),
      ...(llm.endpoint !== undefined && { llmEndpoint: llm.endpoint }),
      ...(llm.model !== undefined && { llmModel: llm.model }),
      ...(llm.apiKey !== undefined && { llmApiKeyEncrypted: llm.apiKey === null ? null : this.keyBox.seal(llm.apiKey) }),
    };
  }

  /** The installation's limits are ceilings (limits/limit-settings.ts): a bot's may be lower, not higher nor none. */
  private assertWithinCeilings(settings: CreateBotDto['settings']): void {
    const errors = limitSettingErrors(settings, this.config.limits);
    if (errors.length) throw new BadRequestException(errors.join('; '));
  }

  private baseUrl(origin: string): string {
    return this.config.publicUrl ?? origin;
  }
}

const needsSecret = () => new BadRequestException('settings.requireIdentity: generate an identity secret first');
