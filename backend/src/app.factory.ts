import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express from 'express';
import { AppModule } from './app.module';
import { RedisStreamsIoAdapter } from './cluster/redis-streams.io-adapter';
import { AppConfig } from './config/app-config';
import { createAppLogger } from './logging/app-logger';
import { requestLog } from './logging/request-log.middleware';
import { securityHeaders } from './security/security-headers';

/** Builds the whole app (used by main.ts and by the integration tests). */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  // Routing is case-sensitive and strict before any route exists: /API/tenants or /api/tenants/
  // match nothing, so no check can depend on how a path is spelt.
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(server), {
    logger: createAppLogger(config),
  });
  // One setting for every client address (login throttle, widget limits): TRUST_PROXY hops.
  app.set('trust proxy', config.trustProxy === Infinity ? true : config.trustProxy);
  app.disable('x-powered-by');
  app.use(requestLog);
  app.use(securityHeaders(config));
  app.use(cookieParser());
  // Pasted knowledge text and FAQs are the largest JSON bodies (PROTOCOL §6); files come as multipart.
  app.useBodyParser('json', { limit: '1mb' });
  // Also when Redis is away at start: the instance serves its own visitors meanwhile (rate limits
  // count in memory), says so in the log, and joins the other instances when Redis answers.
  if (config.redisUrl) app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, config.redisUrl, config.redisKeyPrefix));
  app.enableShutdownHooks();
  return app;
}
