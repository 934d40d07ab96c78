import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { Repository } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { Bot } from '../bots/bot.entity';
import { AppConfig } from '../config/app-config';
import { LlmEndpoint } from '../llm/llm-endpoint';
import { demoPageCsp } from '../security/security-headers';
import { Tenant } from '../tenants/tenant.entity';
import { DEMO_TENANT_NAME } from './demo-seed.service';
import { demoPage } from './demo-page';

@Public()
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
  async page(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const tenant = await this.tenants.findOne({ where: { name: DEMO_TENANT_NAME }, order: { createdAt: 'ASC' } });
    const bot = tenant ? await this.bots.findOne({ where: { tenantId: tenant.id }, order: { createdAt: 'ASC' } }) : null;
    const backend = this.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    res.setHeader('Content-Security-Policy', demoPageCsp(backend));
    res.setHeader('Referrer-Policy', 'same-origin');
    return demoPage(backend, bot?.publicKey ?? null, this.endpoint.demo);
  }
}
