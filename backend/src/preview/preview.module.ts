import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { LimitsModule } from '../limits/limits.module';
import { PromptModule } from '../prompt/prompt.module';
import { PreviewController } from './preview.controller';
import { PreviewService } from './preview.service';

/** An owner trying a role on the bot's real settings, streamed to the console. */
@Module({
  imports: [BotsModule, LimitsModule, PromptModule],
  controllers: [PreviewController],
  providers: [PreviewService],
})
export class PreviewModule {}
