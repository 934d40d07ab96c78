import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { demoKnowledge } from './demo-knowledge';
import { Tenant } from '../tenants/tenant.entity';
import { AdminEnvOutcome, applyAdminEnv } from './admin-from-env';
import { readDemoSetting } from './demo-setting';
import { resetPasswordCommand } from './first-start-banner';
import { followOwnOrigin } from './follow-own-origin';
import { ownOrigins } from './own-origins';
import { DEMO_TENANT_NAME, FirstAccount, seedInstallation } from './seed-installation';

/**
 * At every start, before the server listens: the first start seeds the installation (demo
 * tenant, bot, first account); later ones keep the demo bot on the installation's own origin
 * and apply ADMIN_EMAIL/ADMIN_PASSWORD where they can (admin-from-env.ts).
 */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');
  /** Set when this start made the first account; main.ts prints the banner once listening. */
  firstAccount: FirstAccount | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly knowledge: KnowledgeService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const origins = ownOrigins(this.config);
    type Start = { first: Awaited<ReturnType<typeof seedInstallation>> } | { added: string[]; admin: AdminEnvOutcome | null };
    const result = await this.db.transaction(async (tx): Promise<Start> => {
      // Instances starting together on one database take turns: a fresh one is seeded once.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('customchat:seed'))`);
      if ((await tx.count(Tenant)) === 0) return { first: await seedInstallation(tx, this.config, origins) };
      const demo = await readDemoSetting(tx);
      const added = await followOwnOrigin(tx, demo, origins);
      const admin = this.config.admin ? await applyAdminEnv(tx, this.config.admin, demo) : null;
      return { added, admin };
    });
    if ('first' in result) {
      // Only once committed: the banner must not show an account that does not exist.
      this.firstAccount = result.first.account;
      // In demo mode the demo bot answers from a small knowledge base, so a newcomer sees
      // retrieval at work without a model; with a real provider it would spend the operator's embeddings.
      if (this.config.llmProvider === 'demo') await this.knowledge.seed(result.first.demoBot.tenantId, result.first.demoBot.botId, demoKnowledge());
      this.logger.log(`Seeded tenant "${DEMO_TENANT_NAME}" with the health-advisor bot, allowed on ${origins.join(', ')}; first account ${result.first.account.email}`);
      return;
    }
    if (result.added.length) this.logger.log(`Demo bot now also allowed on this installation's origin: ${result.added.join(', ')}`);
    if (result.admin) this.report(result.admin);
  }

  private report(outcome: AdminEnvOutcome): void {
    const email = this.config.admin!.email;
    const onlyFirst = 'ADMIN_EMAIL and ADMIN_PASSWORD set the first account at the first start only';
    switch (outcome.kind) {
      case 'created':
        this.logger.warn(`ADMIN_EMAIL: no account ${email} existed; made it an installation admin and owner of "${outcome.tenantName}" with ADMIN_PASSWORD`);
        break;
      case 'password-differs':
        this.logger.warn(`${onlyFirst}: ${email} has another password now, which is kept (ADMIN_PASSWORD ignored). To give it a new one: ${resetPasswordCommand(email)}`);
        break;
      case 'not-admin':
        this.logger.warn(`${onlyFirst}: ${email} is an existing account but not the installation admin, and stays so`);
        break;
      case 'unchanged':
        break;
    }
  }
}
