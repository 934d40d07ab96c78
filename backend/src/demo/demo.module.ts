import { Module } from '@nestjs/common';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { DemoController } from './demo.controller';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [KnowledgeModule],
  controllers: [DemoController],
  providers: [DemoSeed],
})
export class DemoModule {}
