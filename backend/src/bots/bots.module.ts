import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LimitsModule } from '../limits/limits.module';
import { BotAdminService } from './bot-admin.service';
import { BotChanges } from './bot-changes';
import { BotIdentityBox } from './bot-identity-box';
import { BotKeyBox } from './bot-key-box';
import { BotRole } from './bot-role.entity';
import { BotRolesController } from './bot-roles.controller';
import { BotRolesService } from './bot-roles.service';
import { Bot } from './bot.entity';
import { BotsController } from './bots.controller';
import { BotsService } from './bots.service';

@Module({
  imports: [TypeOrmModule.forFeature([Bot, BotRole]), LimitsModule],
  controllers: [BotsController, BotRolesController],
  providers: [BotsService, BotAdminService, BotRolesService, BotKeyBox, BotIdentityBox, BotChanges],
  exports: [BotsService, BotChanges],
})
export class BotsModule {}
