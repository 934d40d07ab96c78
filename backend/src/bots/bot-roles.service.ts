import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';
import type { PublishRoleDto } from './bot-roles.dto';
import { BotChanges } from './bot-changes';
import { BotsService } from './bots.service';

const PUBLISH_ATTEMPTS = 5;

export interface RoleView {
  version: number;
  systemPrompt: string;
  note: string | null;
  author: { id: string; email: string } | null;
  createdAt: Date;
  active: boolean;
}

/** Versioned system prompts: publishing adds a version and makes it active; activating an older one rolls back. */
@Injectable()
export class BotRolesService {
  constructor(
    private readonly bots: BotsService,
    private readonly changes: BotChanges,
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(BotRole) private readonly roles: Repository<BotRole>,
  ) {}

  async list(user: AuthUser, botId: string): Promise<RoleView[]> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const roles = await this.roles.find({ where: { botId: bot.id }, relations: { author: true }, order: { version: 'DESC' } });
    return roles.map((role) => toRoleView(role, bot.activeRoleVersion));
  }

  /**
   * Next version = max + 1. Publishes of one bot queue on its row lock, so the newest version ends
   * up active; the unique (bot, version) is the backstop, and a collision is retried.
   */
  async publish(user: AuthUser, botId: string, dto: PublishRoleDto): Promise<RoleView> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    for (let attempt = 1; ; attempt++) {
      try {
        const version = await this.db.transaction(async (tx) => {
          await tx.query('SELECT 1 FROM bots WHERE id = $1 FOR UPDATE', [bot.id]);
          const [{ next }] = await tx.query<{ next: number }[]>('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM bot_roles WHERE bot_id = $1', [bot.id]);
          await tx.insert(BotRole, { botId: bot.id, version: next, systemPrompt: dto.systemPrompt, note: dto.note ?? null, authorId: user.id });
          await tx.update(Bot, { id: bot.id }, { activeRoleVersion: next });
          return next;
        });
        this.changes.changed(bot.id);
        return this.view(bot.id, version, version);
      } catch (error) {
        if (!isVersionConflict(error) || attempt >= PUBLISH_ATTEMPTS) throw error;
      }
    }
  }

  async activate(user: AuthUser, botId: string, version: number): Promise<RoleView> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const role = await this.roles.findOne({ where: { botId: bot.id, version } });
    if (!role) throw new NotFoundException(`Bot has no role version ${version}`);
    await this.db.getRepository(Bot).update({ id: bot.id }, { activeRoleVersion: version });
    this.changes.changed(bot.id);
    return this.view(bot.id, version, version);
  }

  private async view(botId: string, version: number, active: number): Promise<RoleView> {
    const role = await this.roles.findOneOrFail({ where: { botId, version }, relations: { author: true } });
    return toRoleView(role, active);
  }
}

function toRoleView(role: BotRole, activeVersion: number | null): RoleView {
  return {
    version: role.version,
    systemPrompt: role.systemPrompt,
    note: role.note,
    author: role.author ? { id: role.author.id, email: role.author.email } : null,
    createdAt: role.createdAt,
    active: role.version === activeVersion,
  };
}

function isVersionConflict(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'bot_roles_bot_version_key';
}
