import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { Logger } from '@nestjs/common';
import { RedisStreamsIoAdapter, redisAnswers } from './cluster/redis-streams.io-adapter';
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
  if (config.redisUrl) {
    // Redis away at start: this instance runs on its own (rate limits fall back to memory too)
    // rather than not at all; restart it once Redis is back to share visitors again.
    if (await redisAnswers(config.redisUrl)) app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, config.redisUrl, config.redisKeyPrefix));
    else new Logger('Cluster').warn('Redis does not answer: socket.io runs without the Redis adapter, visitors are not shared with other instances');
  }
  app.enableShutdownHooks();
  return app;
}
