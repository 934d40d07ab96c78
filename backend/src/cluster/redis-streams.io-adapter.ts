import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { redisStreamsAdapter } from './redis-streams-adapter';
import { RedisStreamsTransport } from './redis-streams-transport';

/**
 * socket.io across instances through Redis Streams (PROTOCOL: several instances behind a load
 * balancer share visitors): our own cluster adapter (redis-streams-adapter.ts) on our own
 * transport (redis-streams-transport.ts). The stream, unlike pub/sub, replays what a briefly
 * disconnected instance missed. Installed whenever REDIS_URL is set, whether or not Redis answers
 * at start: the instance serves its own visitors meanwhile and joins the others when it does.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly clusterLog = new Logger('Cluster');
  private transport?: RedisStreamsTransport;

  constructor(
    app: INestApplicationContext,
    private readonly url: string,
    private readonly keyPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    // One transport (three connections) for every namespace of the server. A key of its own: the
    // entries @socket.io/redis-streams-adapter wrote (the adapter used before) have another format.
    this.transport ??= new RedisStreamsTransport(this.url, { name: `${this.keyPrefix}socket.io-cluster` }, this.clusterLog);
    server.adapter(redisStreamsAdapter(this.transport));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server); // closes the namespaces' adapters: they say goodbye to the others
    await this.transport?.close();
    this.transport = undefined;
  }
}
