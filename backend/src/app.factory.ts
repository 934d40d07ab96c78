import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { createAppLogger } from './logging/app-logger';
import { requestLog } from './logging/request-log.middleware';

/** Builds the whole app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: createAppLogger(config) });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestLog);
  app.use(cookieParser());
  app.enableShutdownHooks();
  return app;
}
