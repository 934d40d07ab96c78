import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';

export interface ActiveRole {
  version: number | null;
  systemPrompt: string;
}

@Injectable()
export class BotsService {
  constructor(
    @InjectRepository(Bot) private readonly bots: Repository<Bot>,
    @InjectRepository(BotRole) private readonly roles: Repository<BotRole>,
  ) {}

  findByPublicKey(publicKey: string): Promise<Bot | null> {
    return this.bots.findOne({ where: { publicKey } });
  }

  findById(id: string): Promise<Bot | null> {
    return this.bots.findOne({ where: { id } });
  }

  /** The role that answers visitors now; a bot with none published answers without one. */
  async activeRole(bot: Bot): Promise<ActiveRole> {
    if (bot.activeRoleVersion === null) return { version: null, systemPrompt: '' };
    const role = await this.roles.findOne({ where: { botId: bot.id, version: bot.activeRoleVersion } });
    return role ? { version: role.version, systemPrompt: role.systemPrompt } : { version: null, systemPrompt: '' };
  }
}
