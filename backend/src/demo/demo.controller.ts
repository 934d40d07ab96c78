import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { Bot } from '../bots/bot.entity';
import { AppConfig } from '../config/app-config';
import { LlmEndpoint } from '../llm/llm-endpoint';
import { demoPageCsp } from '../security/security-headers';
import { readDemoSetting } from './demo-setting';
import { demoPage } from './demo-page';

@Public()
@Controller()
export class DemoController {
  constructor(
    private readonly config: AppConfig,
    private readonly endpoint: LlmEndpoint,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    // The bot the first start seeded (and keeps allowed on this origin), not a guess by name.
    const demo = await readDemoSetting(this.db.manager);
    const bot = demo ? await this.db.manager.findOne(Bot, { where: { id: demo.botId } }) : null;
    const backend = this.config.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    res.setHeader('Content-Security-Policy', demoPageCsp(backend));
    res.setHeader('Referrer-Policy', 'same-origin');
    return demoPage(backend, bot?.publicKey ?? null, this.endpoint.demo);
  }
}
