import { Module } from '@nestjs/common';
import { WidgetAssetsController } from './widget-assets.controller';

@Module({ controllers: [WidgetAssetsController] })
export class WidgetAssetsModule {}
