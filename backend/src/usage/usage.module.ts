import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

@Module({ imports: [ConversationsModule], controllers: [UsageController], providers: [UsageService] })
export class UsageModule {}
