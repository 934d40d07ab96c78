import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { KnowledgeRetriever } from '../knowledge/knowledge-retriever';
import { PassageRetriever } from './passages';
import { PromptBuilder } from './prompt-builder';
import { TokenCounter } from './token-counter';

/** How a model request is made, for the chat and the preview alike. */
@Module({
  imports: [BotsModule, ConversationsModule, KnowledgeModule],
  providers: [PromptBuilder, { provide: TokenCounter, useFactory: () => new TokenCounter() }, { provide: PassageRetriever, useExisting: KnowledgeRetriever }],
  exports: [PromptBuilder, TokenCounter],
})
export class PromptModule {}
