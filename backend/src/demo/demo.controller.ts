import { Controller, Get, Header, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { Bot } from '../bots/bot.entity';
import { AppConfig } from '../config/app-config';
import { LlmEndpoint } from '../llm/llm-endpoint';
import { Tenant } from '../tenants/tenant.entity';
import { DEMO_TENANT_NAME } from './demo-seed.service';
import { demoPage } from './demo-page';

@Controller()
export class DemoController {
  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: LlmEndpoint,
    @InjectRepository(Bot) private readonly bots: Repository<Bot>,
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Req() req: Request): Promise<string> {
    const tenant = await this.tenants.findOne({ where: { name: DEMO_TENANT_NAME }, order: { createdAt: 'ASC' } });
    const bot = tenant ? await this.bots.findOne({ where: { tenantId: tenant.id }, order: { createdAt: 'ASC' } }) : null;
    const backend = this.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    return demoPage(backend, bot?.publicKey ?? null, this.endpoint.demo);
  }
}
