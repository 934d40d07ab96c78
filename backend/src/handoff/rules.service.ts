import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { BotsService } from '../bots/bots.service';
import { type CompiledRule, compileRules, firstMatch } from './rule-matcher';
import type { PutRulesDto } from './rules.dto';
import { RulesRepository } from './rules.repository';
import type { Rule } from './staff.events';

/** How long an instance trusts the rules it read (another instance may have saved new ones). */
const CACHE_MS = 5000;

/** A bot's rules: edited by its owner, checked before the model on every visitor message. */
@Injectable()
export class RulesService {
  private readonly cache = new Map<string, { rules: CompiledRule[]; at: number }>();

  constructor(
    private readonly bots: BotsService,
    private readonly repo: RulesRepository,
  ) {}

  async list(user: AuthUser, botId: string): Promise<Rule[]> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    return this.repo.get(bot.id);
  }

  async put(user: AuthUser, botId: string, dto: PutRulesDto): Promise<Rule[]> {
    const bot = await this.bots.findForTenant(user.tenantId, botId);
    const rules: Rule[] = dto.rules.map((r) => ({
      match: { ...(r.match.keywords?.length ? { keywords: r.match.keywords } : {}), ...(r.match.pattern !== undefined ? { pattern: r.match.pattern } : {}) },
      action: r.action,
      ...(r.answer ? { answer: r.answer } : {}),
    }));
    await this.repo.put(bot.id, rules);
    this.cache.delete(bot.id);
    return rules;
  }

  /** The rule a visitor's message matches, if any. */
  async match(botId: string, text: string): Promise<Rule | undefined> {
    let entry = this.cache.get(botId);
    if (!entry || Date.now() - entry.at > CACHE_MS) {
      entry = { rules: compileRules(await this.repo.get(botId)), at: Date.now() };
      this.cache.set(botId, entry);
    }
    return entry.rules.length ? firstMatch(entry.rules, text) : undefined;
  }
}
