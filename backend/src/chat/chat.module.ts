import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BotsModule } from '../bots/bots.module';
import { ClusterModule } from '../cluster/cluster.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { LimitsModule } from '../limits/limits.module';
import { PromptModule } from '../prompt/prompt.module';
import { HandoffModule } from '../handoff/handoff.module';
import { MembersModule } from '../members/members.module';
import { PersonTurns } from './person-turns';
import { ChatEmitter } from './chat.emitter';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { ConversationView } from './conversation-view';
import { ReplyRegistry } from './reply-registry';
import { ReplyRunner } from './reply.runner';
import { ResponderChoice } from './responder';
import { StreamingSweep } from './streaming-sweep';
import { TurnCache } from './turn-cache';
import { Visitor } from './visitor.entity';
import { VisitorSessions } from './visitor-sessions.service';

@Module({
  imports: [BotsModule, ClusterModule, ConversationsModule, HandoffModule, LimitsModule, MembersModule, PromptModule, TypeOrmModule.forFeature([Visitor])],
  providers: [ChatGateway, ChatService, PersonTurns, StreamingSweep, ChatEmitter, ConversationView, ReplyRegistry, ReplyRunner, ResponderChoice, TurnCache, VisitorSessions],
  exports: [ReplyRegistry],
})
export class ChatModule {}
