import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BotRole } from '../bots/bot-role.entity';
import { Bot } from '../bots/bot.entity';
import { newPublicKey } from '../bots/public-key';
import { AppConfig } from '../config/app-config';
import { Tenant } from '../tenants/tenant.entity';
import { hashPassword } from '../users/passwords';
import { User } from '../users/user.entity';
import { DEMO_BOT_SETTINGS, HEALTH_ADVISOR_ROLE } from './health-advisor.role';

export const DEMO_TENANT_NAME = 'Demo Clinic';

/** First start of an installation: the demo tenant, its health-advisor bot and the first account. */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.db.getRepository(Tenant).count()) > 0) return;
    const email = this.config.admin?.email ?? 'admin@example.com';
    const password = this.config.admin?.password ?? randomBytes(12).toString('base64url');
    await this.db.transaction(async (tx) => {
      const tenant = await tx.save(Tenant, tx.create(Tenant, { name: DEMO_TENANT_NAME }));
      const owner = await tx.save(
        User,
        tx.create(User, { tenantId: tenant.id, email, passwordHash: await hashPassword(password), role: 'owner', isAdmin: true }),
      );
      const bot = await tx.save(
        Bot,
        tx.create(Bot, {
          tenantId: tenant.id,
          name: '养生顾问',
          publicKey: newPublicKey(),
          allowedOrigins: this.demoOrigins(),
          settings: DEMO_BOT_SETTINGS,
          activeRoleVersion: 1,
        }),
      );
      await tx.save(BotRole, tx.create(BotRole, { botId: bot.id, version: 1, systemPrompt: HEALTH_ADVISOR_ROLE, note: 'Seeded demo role', authorId: owner.id }));
    });
    this.logger.log(`Seeded tenant "${DEMO_TENANT_NAME}" with the health-advisor bot, allowed on ${this.demoOrigins().join(', ')}`);
    if (!this.config.admin) {
      this.logger.warn(`First account: ${email} / ${password} — shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own.`);
    }
  }

  /** The demo page is served by this backend, so the bot is allowed on the backend's own origins. */
  private demoOrigins(): string[] {
    if (this.config.publicUrl) return [new URL(this.config.publicUrl).origin];
    return [`http://localhost:${this.config.port}`, `http://127.0.0.1:${this.config.port}`];
  }
}
