import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { PassageRetriever } from './passages';
import { PromptBuilder } from './prompt-builder';
import { TokenCounter } from './token-counter';

/** How a model request is made, for the chat and the preview alike. */
@Module({
  imports: [BotsModule, ConversationsModule],
  providers: [PromptBuilder, { provide: TokenCounter, useFactory: () => new TokenCounter() }, { provide: PassageRetriever, useFactory: () => new PassageRetriever() }],
  exports: [PromptBuilder, TokenCounter],
})
export class PromptModule {}
