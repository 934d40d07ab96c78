import { Module, OnModuleInit } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { BotsModule } from '../bots/bots.module';
import { AppConfig } from '../config/app-config';
import { LimitsModule } from '../limits/limits.module';
import { LlmModule } from '../llm/llm.module';
import { OutboundModule } from '../outbound/outbound.module';
import { KnowledgeChunksRepository } from './knowledge-chunks.repository';
import { LexicalIndex } from './lexical-index';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeIndexer } from './knowledge-indexer';
import { KnowledgeRetriever } from './knowledge-retriever';
import { KnowledgeService } from './knowledge.service';
import { KnowledgeSourcesRepository } from './knowledge-sources.repository';
import { UploadLimitFilter } from './upload-limit.filter';

/**
 * Knowledge (PROTOCOL §6): sources, the indexing jobs, chunks, retrieval. The one owner of
 * `knowledge_sources` and `knowledge_chunks`; the prompt gets passages through KnowledgeRetriever.
 */
@Module({
  imports: [
    BotsModule,
    LimitsModule,
    LlmModule,
    OutboundModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // Held in memory up to the limit (one file per request); a larger one is refused while it arrives.
      useFactory: (config: AppConfig) => ({ storage: memoryStorage(), limits: { fileSize: config.knowledge.maxFileBytes, files: 1, fields: 4, parts: 6 } }),
    }),
  ],
  controllers: [KnowledgeController],
  providers: [KnowledgeSourcesRepository, KnowledgeChunksRepository, KnowledgeIndexer, KnowledgeRetriever, LexicalIndex, KnowledgeService, UploadLimitFilter],
  exports: [KnowledgeRetriever, KnowledgeService],
})
export class KnowledgeModule implements OnModuleInit {
  constructor(
    private readonly indexer: KnowledgeIndexer,
    private readonly retriever: KnowledgeRetriever,
  ) {}

  onModuleInit(): void {
    this.indexer.onChange = (botId) => this.retriever.forget(botId);
  }
}
