import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationExportService } from './conversation-export.service';
import { ConversationListService } from './conversation-list.service';
import { Conversation } from './conversation.entity';
import { ConversationRepository } from './conversation.repository';
import { ConversationReviewService } from './conversation-review.service';
import { ConversationsController } from './conversations.controller';
import { Message } from './message.entity';
import { HandoffStateRepository } from './handoff-state.repository';
import { MessagesRepository } from './messages.repository';
import { UsageDaysRepository } from './usage-days.repository';
import { VisitorConversations } from './visitor-conversations.repository';

/**
 * Owns `conversations` and `messages`: the staff's reads and annotations here, and for the other
 * modules the repositories they call (the chat's turn writes, the handshake's conversations, the
 * usage page's days). No other module registers these entities or writes these tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Conversation, Message])],
  controllers: [ConversationsController],
  providers: [ConversationRepository, ConversationListService, ConversationReviewService, ConversationExportService, MessagesRepository, VisitorConversations, UsageDaysRepository, HandoffStateRepository],
  exports: [MessagesRepository, VisitorConversations, UsageDaysRepository, HandoffStateRepository],
})
export class ConversationsModule {}
