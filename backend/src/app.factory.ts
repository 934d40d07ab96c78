import 'reflect-metadata';
import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the whole app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const logger = LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(cookieParser());
  app.enableShutdownHooks();
  return app;
}
