import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BotRole } from './bot-role.entity';
import { Bot } from './bot.entity';
import { BotsService } from './bots.service';

@Module({
  imports: [TypeOrmModule.forFeature([Bot, BotRole])],
  providers: [BotsService],
  exports: [BotsService, TypeOrmModule],
})
export class BotsModule {}
