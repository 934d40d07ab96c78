import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter, type RedisStreamsAdapterOptions } from '@socket.io/redis-streams-adapter';
import { Redis, type RedisOptions } from 'ioredis';
import type { Namespace, Server, ServerOptions } from 'socket.io';
// The streams adapter's peer dependency (socket.io's own adapter package): its in-memory broadcast.
import { Adapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';

/** What the cluster adapter reports about its Redis connection (one line per change, not per packet). */
export interface AdapterLog {
  warn(message: string): void;
  log(message: string): void;
}

/** A question to the other instances that could not be asked: the adapter has no Redis right now. */
export class RedisUnavailableError extends Error {
  constructor(status: string) {
    super(`Redis is not connected (${status})`);
    this.name = 'RedisUnavailableError';
  }
}

/** Longest pause of the read loop after failed reads in a row (it starts at 100 ms and doubles). */
const MAX_READ_BACKOFF_MS = 2000;

type Packet = Parameters<Adapter['broadcast']>[0];
type AdapterFactory = (nsp: Namespace) => Adapter;
/** What the streams adapter's instances have beyond the in-memory adapter (ClusterAdapter's protected API included). */
interface StreamsAdapter extends Adapter {
  publishAndReturnOffset(message: { type: MessageType; data: unknown }): Promise<string>;
  serverSideEmit(packet: unknown[]): Promise<unknown>;
  serverCount(): Promise<number>;
}

/**
 * One line when the adapter loses Redis and one when it has it again, however many packets fail
 * in between. `where` is host:port, never the URL (it may hold a password).
 */
class RedisState {
  private state: 'starting' | 'up' | 'down' | 'closed' = 'starting';

  constructor(
    private readonly log: AdapterLog,
    private readonly where: string,
  ) {}

  up(): void {
    if (this.state === 'up' || this.state === 'closed') return;
    this.log.log(
      this.state === 'starting'
        ? `socket.io adapter: instances share visitors through Redis at ${this.where}`
        : `socket.io adapter: Redis at ${this.where} is back, visitors are shared with the other instances again`,
    );
    this.state = 'up';
  }

  down(why: string): void {
    if (this.state === 'down' || this.state === 'closed') return;
    this.log.warn(
      this.state === 'starting'
        ? `socket.io adapter: Redis at ${this.where} does not answer (${why}); this instance serves its own visitors and joins the others when Redis answers`
        : `socket.io adapter: Redis at ${this.where} is unavailable (${why}); this instance serves its own visitors, the other instances miss its packets until Redis is back`,
    );
    this.state = 'down';
  }

  /** Our own goodbye is no outage. */
  close(): void {
    this.state = 'closed';
  }
}

/**
 * `@socket.io/redis-streams-adapter` on `redis` (the command connection; the adapter duplicates it
 * for its blocking XREAD and its subscriptions), changed in three ways:
 *
 * - Broadcasts are local first: socket.io-adapter's ClusterAdapter awaits the XADD before it
 *   delivers to this instance's own sockets, so every delta to a local visitor waited a Redis round
 *   trip, and seconds during an outage (ioredis' reconnection). Here the local sockets get the packet
 *   synchronously, then the XADD goes out for the others. XADDs are issued in emission order on one
 *   connection, so the other instances still read them in that order. `local` broadcasts stay local.
 *   (With connectionStateRecovery the packet needs the stream offset first: then as before.)
 * - A failed read does not re-poll at once: the adapter re-polls straight from a rejected XREAD, and
 *   a closed connection rejects synchronously, an endless chain of microtasks that never yields to
 *   the event loop. Failed reads in a row are spaced out (100 ms doubling to 2 s).
 * - Redis failures are never thrown: a server-side emit with ack whose server count fails (Redis
 *   away) gets its ack called with the error instead of an unhandled rejection that ends the
 *   process, and does not wait for ioredis' retries; PUBLISH failures are caught.
 *
 * Everything else (server-side emits, fetchSockets, acks, join/leave across instances) is the
 * adapter's own.
 */
export function localFirstStreamsAdapter(redis: Redis, opts: RedisStreamsAdapterOptions, log: AdapterLog): AdapterFactory {
  const state = prepared.get(redis) ?? prepare(redis, log);
  const streams = createAdapter(redis, opts) as unknown as AdapterFactory;
  // socket.io calls the factory with `new`: a function, not an arrow.
  return function (nsp: Namespace): Adapter {
    const adapter = streams(nsp) as StreamsAdapter;
    const clusterBroadcast = adapter.broadcast;
    const recovery = !!(nsp.server as unknown as { opts: Partial<ServerOptions> }).opts.connectionStateRecovery;
    adapter.broadcast = function (packet: Packet, options: BroadcastOptions): void {
      if (options.flags?.local || recovery) return void clusterBroadcast.call(this, packet, options);
      Adapter.prototype.broadcast.call(this, packet, options);
      this.publishAndReturnOffset({
        type: MessageType.BROADCAST,
        data: { packet, opts: { rooms: [...options.rooms], except: [...(options.except ?? [])], flags: options.flags } },
      }).then(
        () => state.up(),
        (error: Error) => state.down(error.message),
      );
    };

    const serverCount = adapter.serverCount;
    adapter.serverCount = function (): Promise<number> {
      // Not connected: no other instance can be asked now; say so at once (a caller waiting on
      // ioredis' offline queue would wait seconds for the same answer).
      if (redis.status !== 'ready') return Promise.reject(new RedisUnavailableError(redis.status));
      return serverCount.call(this);
    };
    const serverSideEmit = adapter.serverSideEmit;
    adapter.serverSideEmit = function (packet: unknown[]): Promise<unknown> {
      const last = packet[packet.length - 1];
      const ack = typeof last === 'function' ? (last as (error: Error | null, responses: unknown[]) => void) : undefined;
      return serverSideEmit.call(this, packet).catch((error: Error) => {
        state.down(error.message);
        ack?.(error, []);
      });
    };
    return adapter;
  };
}

const prepared = new WeakMap<Redis, RedisState>();

/** Once per command connection: its state reports, its duplicates, its PUBLISH. */
function prepare(redis: Redis, log: AdapterLog): RedisState {
  const where = `${redis.options.host ?? 'localhost'}:${redis.options.port ?? 6379}`;
  const state = new RedisState(log, where);
  prepared.set(redis, state);
  redis.on('ready', () => state.up());
  redis.on('error', (error: Error) => state.down(error.message));
  redis.on('close', () => state.down('connection closed'));

  // The adapter's own connections: its blocking XREAD, its subscriptions. Not auto-pipelined (an
  // XREAD BLOCK must not hold other commands back; here nothing else goes on them anyway).
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = (override?: Partial<RedisOptions>) => {
    const copy = duplicate({ enableAutoPipelining: false, ...override });
    copy.xread = spaceOutFailures(copy.xread.bind(copy)) as typeof copy.xread;
    copy.subscribe = subscribeUntilDone(copy);
    return copy;
  };
  // ioredis rejects a command it could not send; the adapter drops the promise of an ephemeral
  // PUBLISH (server-side emits, fetchSockets), which would be an unhandled rejection.
  const publish = redis.publish.bind(redis) as (...args: unknown[]) => Promise<number>;
  redis.publish = ((...args: unknown[]) => {
    const sent = publish(...args);
    sent.catch((error: Error) => state.down(error.message));
    return sent;
  }) as typeof redis.publish;
  return state;
}

/**
 * The adapter subscribes once, at start, and drops the promise: with Redis away then, the SUBSCRIBE
 * fails (an unhandled rejection ends the process) and, never having succeeded, is not among what
 * ioredis subscribes again on reconnection: the instance would never hear the others' questions
 * nor their answers to its own. So a failed SUBSCRIBE is sent again when the connection is ready.
 */
function subscribeUntilDone(client: Redis): Redis['subscribe'] {
  const subscribe = client.subscribe.bind(client) as (...args: unknown[]) => Promise<unknown>;
  return ((...args: unknown[]) => {
    const attempt = (): Promise<unknown> => {
      const sent = subscribe(...args);
      sent.catch(() => client.status !== 'end' && client.once('ready', () => void attempt()));
      return sent;
    };
    return attempt();
  }) as Redis['subscribe'];
}

/** `read` whose failures are passed on after a pause that grows while they follow each other. */
function spaceOutFailures<A extends unknown[], R>(read: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  let pause = 0;
  return (...args: A) =>
    read(...args).then(
      (result) => {
        pause = 0;
        return result;
      },
      (error: unknown) => {
        pause = Math.min(pause ? pause * 2 : 100, MAX_READ_BACKOFF_MS);
        return new Promise<R>((_, reject) => setTimeout(() => reject(error), pause).unref());
      },
    );
}

/**
 * socket.io across instances through Redis Streams (PROTOCOL: several instances behind a load
 * balancer share visitors). The streams adapter, unlike the pub/sub one, replays what a briefly
 * disconnected instance missed. Installed whenever REDIS_URL is set, whether or not Redis answers
 * at start: the instance serves its own visitors meanwhile and joins the others when it does.
 */
export class RedisStreamsIoAdapter extends IoAdapter {
  private readonly clusterLog = new Logger('Cluster');
  private redis?: Redis;
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly url: string,
    private readonly keyPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    if (!this.redis) {
      // While Redis is away a command fails after one retry (the offline queue is flushed every
      // second reconnection attempt): a packet for the others is not held for long. Local
      // delivery never waits for it (see localFirstStreamsAdapter). Auto-pipelining: the XADDs of
      // one tick (one per delta of every reply streaming) go in one write.
      this.redis = new Redis(this.url, {
        maxRetriesPerRequest: 1,
        enableAutoPipelining: true,
        // ioredis's (untyped) grace before destroying a socket on disconnect(), 2 s by default.
        disconnectTimeout: 100,
      } as RedisOptions);
      const duplicate = this.redis.duplicate.bind(this.redis);
      this.redis.duplicate = (override?: Partial<RedisOptions>) => {
        const copy = duplicate(override);
        this.clients.push(copy);
        return copy;
      };
    }
    const name = `${this.keyPrefix}socket.io`;
    server.adapter(localFirstStreamsAdapter(this.redis, { streamName: name, channelPrefix: name }, this.clusterLog) as never);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server); // closes the namespaces' adapters: their read loops stop
    // Not quit(): it would wait for a Redis that may be gone. The read connections too: an XREAD
    // blocks for up to 5 s and would hold them open that long.
    if (this.redis) prepared.get(this.redis)?.close();
    for (const client of [this.redis, ...this.clients.splice(0)]) client?.disconnect();
    this.redis = undefined;
  }
}
