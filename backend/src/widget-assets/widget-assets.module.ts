import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { WidgetAssetsController } from './widget-assets.controller';
import { WidgetConfigController } from './widget-config.controller';

@Module({ imports: [BotsModule], controllers: [WidgetConfigController, WidgetAssetsController] })
export class WidgetAssetsModule {}
