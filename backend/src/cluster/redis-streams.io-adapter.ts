import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io across instances through Redis Streams (PROTOCOL: several instances behind a load
 * balancer share visitors). The streams adapter, unlike the pub/sub one, replays what a briefly
 * disconnected instance missed. Its own Redis connection: XREAD blocks while it waits.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private redis?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly url: string,
    private readonly keyPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    // While Redis is away a command fails after one retry: the adapter then still delivers to
    // this instance's sockets (only other instances miss the packet), instead of holding every
    // delta until Redis is back. `enableOfflineQueue: false` would make the adapter's read loop
    // spin on immediate failures and starve the event loop.
    this.redis ??= new Redis(this.url, { maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // reported by the adapter's own retries; avoid unhandled 'error'
    const name = `${this.keyPrefix}socket.io`;
    server.adapter(createAdapter(this.redis, { streamName: name, channelPrefix: name }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.redis?.disconnect(); // not quit(): it would wait for a Redis that may be gone
    this.redis = undefined;
  }
}

/** Whether Redis answers PING within `ms`: the adapter is only installed when it does at start. */
export async function redisAnswers(url: string, ms = 2000): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: ms });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
