import type { Namespace } from 'socket.io';
import { type BroadcastOptions, ClusterAdapter, type ClusterMessage, type ClusterResponse, MessageType } from 'socket.io-adapter';
import { RedisUnavailableError } from './redis-state';
import type { ClusterTransport, TransportMember } from './redis-streams-transport';

type Packet = Parameters<ClusterAdapter['broadcast']>[0];
type Ack = (error: Error | null, responses: unknown[]) => void;

/**
 * socket.io-adapter's cluster adapter over our Redis transport, through its public extension points
 * (doPublish, doPublishResponse, onMessage, onResponse, serverCount), with two behaviours of our own:
 *
 * - Broadcasts are local first: ClusterAdapter awaits the publish before it delivers to this
 *   instance's own sockets, so every delta to a local visitor would wait a Redis round trip (and
 *   seconds during an outage). Here the local sockets get the packet synchronously, then the XADD
 *   goes out; XADDs are issued in emission order on one connection, so the other instances read
 *   them in that order. `local` broadcasts stay local.
 * - Questions to the other instances (server-side emits with ack, fetchSockets) fail at once with
 *   RedisUnavailableError while Redis is away, instead of waiting for answers that cannot come.
 *
 * The instances are counted by Redis (PUBSUB NUMSUB of the namespace's channel), not by
 * heartbeats: an instance that died without a goodbye is not waited for (ClusterAdapterWithHeartbeat
 * would wait for it until its heartbeat timeout, 10 s, and every question would time out meanwhile).
 *
 * Not supported: connectionStateRecovery (no stream offsets are added to packets, no sessions are
 * stored) and binary payloads (messages are JSON); the product uses neither.
 */
export class RedisStreamsAdapter extends ClusterAdapter implements TransportMember {
  /** Public (ClusterAdapter's is protected): the transport skips our own stream entries by it. */
  declare readonly uid: string;

  constructor(
    nsp: Namespace,
    private readonly transport: ClusterTransport,
  ) {
    super(nsp);
    transport.join(this);
  }

  override broadcast(packet: Packet, opts: BroadcastOptions): Promise<void> {
    // With the `local` flag ClusterAdapter delivers at once and publishes nothing.
    const delivered = super.broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
    if (opts.flags?.local) return delivered;
    // The transport logs a failure (once per outage); the packet is lost for the others.
    this.publishAndReturnOffset({
      type: MessageType.BROADCAST,
      data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} } },
    }).catch(() => undefined);
    return delivered;
  }

  override serverSideEmit(packet: unknown[]): Promise<unknown> {
    const last = packet[packet.length - 1];
    const ack = typeof last === 'function' ? (last as Ack) : undefined;
    if (ack && !this.transport.ready) {
      packet.pop();
      ack(new RedisUnavailableError(this.transport.status), []);
      return Promise.resolve();
    }
    // socket.io drops this promise: a failure (counting the instances) goes to the ack, never
    // into an unhandled rejection.
    return super.serverSideEmit(packet).catch((error: Error) => ack?.(error, []));
  }

  /** This instance and those listening to the namespace's questions; without Redis, this one alone. */
  override serverCount(): Promise<number> {
    // (Questions to the others fail at once without Redis, above and below; a `local` fetchSockets
    // counts the servers too, and must still answer.)
    return this.transport.ready ? this.transport.listeners(this.nsp.name) : Promise.resolve(1);
  }

  override fetchSockets(opts: BroadcastOptions): Promise<unknown[]> {
    if (!opts.flags?.local && !this.transport.ready) return Promise.reject(new RedisUnavailableError(this.transport.status));
    return super.fetchSockets(opts);
  }

  override close(): void {
    this.transport.leave(this);
  }

  protected override doPublish(message: ClusterMessage): Promise<string> {
    const question =
      message.type === MessageType.SERVER_SIDE_EMIT ||
      message.type === MessageType.FETCH_SOCKETS ||
      (message.type === MessageType.BROADCAST && message.data.requestId !== undefined);
    return question ? this.transport.ask(message).then(() => '') : this.transport.append(message);
  }

  protected override doPublishResponse(requesterUid: string, response: ClusterResponse): Promise<void> {
    return this.transport.answer(requesterUid, response);
  }

  onStreamMessage(message: ClusterMessage, offset: string): void {
    this.onMessage(message, offset);
  }

  onChannelMessage(message: ClusterMessage): void {
    this.onMessage(message);
  }

  onChannelResponse(response: ClusterResponse): void {
    // Our own questions reach us on the public channel; answers only on our private one.
    if (response.uid !== this.uid) this.onResponse(response);
  }
}

/** The adapter class socket.io instantiates per namespace (`server.adapter(...)`), all on one transport. */
export function redisStreamsAdapter(transport: ClusterTransport) {
  return class extends RedisStreamsAdapter {
    constructor(nsp: Namespace) {
      super(nsp, transport);
    }
  };
}
