import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis, RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * The Redis client shared counters live in, when REDIS_URL is set. Built to fail fast: no offline
 * queue, no resending, a short command timeout — a request never waits for Redis; the limiters
 * fall back to memory instead. ioredis keeps reconnecting on its own, so the fallback ends when
 * Redis is back. One warning per outage, not one per request.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client?: Redis;
  private state: 'starting' | 'up' | 'down' = 'starting';

  constructor(config: AppConfig) {
    if (!config.redisUrl) return;
    // Never log the URL itself: it may hold a password.
    const where = new URL(config.redisUrl).host;
    const options: RedisOptions & { disconnectTimeout: number } = {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 1000,
      connectTimeout: 3000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
      // ioredis's (untyped) grace before destroying a socket on disconnect(); its 2 s timer also
      // outlives a socket that is already gone, holding up the process's exit.
      disconnectTimeout: 100,
    };
    this.client = new Redis(config.redisUrl, options);
    this.client.on('ready', () => {
      if (this.state === 'starting') this.logger.log(`rate limits count in Redis at ${where}`);
      if (this.state === 'down') this.logger.log(`Redis at ${where} is back: counters are shared again`);
      this.state = 'up';
    });
    // Also ioredis's only way to report a failed reconnection attempt; unhandled it would crash.
    this.client.on('error', (error: Error) => this.lost(where, error.message));
    this.client.on('close', () => this.lost(where, 'connection closed'));
  }

  private lost(where: string, why: string): void {
    if (this.state === 'down') return;
    this.state = 'down';
    this.logger.warn(`Redis at ${where} is unavailable (${why}): rate limits count in this instance's memory until it is back`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.state = 'down'; // our own goodbye is no outage
    if (!this.client || this.client.status === 'end') return;
    // QUIT: Redis closes the connection itself, so nothing is left waiting on a half-closed socket.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client?.disconnect());
    else this.client.disconnect();
  }
}
