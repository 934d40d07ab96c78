import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { CONSOLE_DIST, ConsoleAssetsController } from './console-assets.controller';

@Module({
  controllers: [ConsoleAssetsController],
  providers: [{ provide: CONSOLE_DIST, useValue: join(PROJECT_ROOT, 'dist', 'console') }],
})
export class ConsoleAssetsModule {}
