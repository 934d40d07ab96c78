import { Module } from '@nestjs/common';
import { DemoController } from './demo.controller';
import { DemoSeed } from './demo-seed.service';

@Module({
  controllers: [DemoController],
  providers: [DemoSeed],
})
export class DemoModule {}
