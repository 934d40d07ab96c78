import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { RedisStreamsIoAdapter } from './cluster/redis-streams.io-adapter';
import { AppConfig } from './config/app-config';
import { createAppLogger } from './logging/app-logger';
import { requestLog } from './logging/request-log.middleware';

/** Builds the whole app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: createAppLogger(config) });
  // One setting for every client address (login throttle, widget limits): TRUST_PROXY hops.
  app.set('trust proxy', config.trustProxy === Infinity ? true : config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestLog);
  app.use(cookieParser());
  // Also when Redis is away at start: the instance serves its own visitors meanwhile (rate limits
  // count in memory), says so in the log, and joins the other instances when Redis answers.
  if (config.redisUrl) app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, config.redisUrl, config.redisKeyPrefix));
  app.enableShutdownHooks();
  return app;
}
