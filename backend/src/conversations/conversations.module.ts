import { Module } from '@nestjs/common';
import { ConversationExportService } from './conversation-export.service';
import { ConversationListService } from './conversation-list.service';
import { ConversationRepository } from './conversation.repository';
import { ConversationReviewService } from './conversation-review.service';
import { ConversationsController } from './conversations.controller';

@Module({
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationListService, ConversationReviewService, ConversationExportService],
})
export class ConversationsModule {}
