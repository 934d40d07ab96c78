import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Bot } from '../bots/bot.entity';
import { Tenant } from '../tenants/tenant.entity';
import { DemoController } from './demo.controller';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [TypeOrmModule.forFeature([Bot, Tenant])],
  controllers: [DemoController],
  providers: [DemoSeed],
})
export class DemoModule {}
