import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BotsModule } from '../bots/bots.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { LimitsModule } from '../limits/limits.module';
import { MembersModule } from '../members/members.module';
import { HandoffService } from './handoff.service';
import { InboxController } from './inbox.controller';
import { OfflineMessagesController } from './offline-messages.controller';
import { OfflineMessagesRepository } from './offline-messages.repository';
import { RulesController } from './rules.controller';
import { RulesRepository } from './rules.repository';
import { RulesService } from './rules.service';
import { StaffEmitter } from './staff.emitter';
import { StaffGateway } from './staff.gateway';

/**
 * People and bots together (PROTOCOL §7): conversation states, the `/staff` namespace, the live
 * inbox, a bot's rules, office hours, offline messages. Owns `bot_rules` and `offline_messages`;
 * the chat asks it who answers.
 */
@Module({
  imports: [AuthModule, BotsModule, ConversationsModule, LimitsModule, MembersModule],
  controllers: [InboxController, RulesController, OfflineMessagesController],
  providers: [HandoffService, RulesService, RulesRepository, OfflineMessagesRepository, StaffEmitter, StaffGateway],
  exports: [HandoffService, RulesService, OfflineMessagesRepository],
})
export class HandoffModule {}
