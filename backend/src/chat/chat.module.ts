import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BotsModule } from '../bots/bots.module';
import { Conversation } from '../conversations/conversation.entity';
import { Message } from '../conversations/message.entity';
import { ClusterModule } from '../cluster/cluster.module';
import { LimitsModule } from '../limits/limits.module';
import { ChatEmitter } from './chat.emitter';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ConversationView } from './conversation-view';
import { ReplyRegistry } from './reply-registry';
import { ReplyRunner } from './reply.runner';
import { StreamingSweep } from './streaming-sweep';
import { Visitor } from './visitor.entity';
import { VisitorSessions } from './visitor-sessions.service';

@Module({
  imports: [BotsModule, ClusterModule, LimitsModule, TypeOrmModule.forFeature([Visitor, Conversation, Message])],
  providers: [ChatGateway, ChatService, StreamingSweep, ChatEmitter, ConversationView, ReplyRegistry, ReplyRunner, VisitorSessions],
  exports: [ReplyRegistry],
})
export class ChatModule {}
