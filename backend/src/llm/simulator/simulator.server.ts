/**
 * A real HTTP server speaking Azure OpenAI's chat-completions wire format, so
 * the `openai` package's AzureOpenAI client can be driven against it in tests,
 * demo mode and benchmarks.
 */
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChat, parseChatRequest } from './simulator.chat';
import * as errors from './simulator.errors';
import { type SimulatorFault, faultErrorResponse } from './simulator.faults';
import { readBody, sendError, setAzureHeaders } from './simulator.http';
import { DEFAULT_SIMULATOR_OPTIONS, type SimulatorOptions } from './simulator.options';
import { type RecordedRequest, isAuthorized, recordRequest } from './simulator.request';
import { RequestLog } from './simulator.request-log';
import { preciseNow } from './simulator.stamp';
import type { StreamResult } from './simulator.stream';

export type { RecordedRequest } from './simulator.request';

/** Emitted as 'stream-end' when a streamed response finishes, is dropped or is abandoned by the client. */
export interface StreamEnd extends StreamResult {
  request: RecordedRequest;
}

export interface SimulatorEvents {
  'stream-end': [StreamEnd];
}

const CHAT_ROUTE = /^\/openai\/deployments\/([^/]+)\/chat\/completions\/?$/;

export class AzureOpenAISimulator extends EventEmitter<SimulatorEvents> {
  private readonly log = new RequestLog();
  /**
   * The requests received, oldest first: the newest `maxLoggedRequests`, within
   * `maxLoggedBytes` (a request larger than that alone is kept without its body).
   */
  readonly requests: RecordedRequest[] = this.log.entries;
  private options: SimulatorOptions;
  private faults: SimulatorFault[] = [];
  private server?: Server;
  private baseUrl?: string;
  private streams = 0;

  constructor(options: Partial<SimulatorOptions> = {}) {
    super();
    this.options = { ...DEFAULT_SIMULATOR_OPTIONS, ...options };
  }

  /** Listens and resolves with the endpoint, e.g. `http://127.0.0.1:PORT`, to pass as AzureOpenAI's `endpoint`. */
  async start(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = createServer((req, res) => {
      // A throwing custom `reply` must not take the process down: answer 500 (or cut a started stream).
      this.handle(req, res).catch(() => (res.headersSent ? res.destroy() : sendError(res, errors.serverError(500))));
    });
    server.on('connection', (socket) => socket.setNoDelay(true));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { address, port } = server.address() as AddressInfo;
    this.baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
    return this.baseUrl;
  }

  /** Closes the server and destroys every open connection, ending in-flight streams. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** The endpoint while running. */
  get url(): string {
    if (!this.baseUrl) throw new Error('AzureOpenAISimulator is not started');
    return this.baseUrl;
  }

  /** Streams currently being written. */
  get openStreams(): number {
    return this.streams;
  }

  /** Changes knobs at runtime; streams already running keep their pacing. */
  configure(partial: Partial<SimulatorOptions>): void {
    this.options = { ...this.options, ...partial };
  }

  /**
   * Queues a fault for the next `times` chat requests, one per request. A fault is
   * taken by any request on the chat route with an api-version, before the key check.
   */
  injectFault(fault: SimulatorFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** The approximate size of the kept requests, in bytes. */
  get requestLogBytes(): number {
    return this.log.byteSize;
  }

  /** Requests received since the start or `clearRequests`, those no longer in `requests` included. */
  get requestCount(): number {
    return this.log.total;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = preciseNow();
    const options = this.options;
    setAzureHeaders(res, options.region);
    const url = new URL(req.url ?? '/', 'http://simulator');
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return void res.destroy();
    }
    const record = recordRequest(req, url, raw);
    this.log.add(record, raw, options);

    const route = CHAT_ROUTE.exec(url.pathname);
    const apiVersion = url.searchParams.get('api-version');
    // Azure answers a missing api-version like an unknown route.
    if (!route || req.method !== 'POST' || !apiVersion) return sendError(res, errors.resourceNotFound());
    const fault = this.faults.shift();
    const early = faultErrorResponse(fault, apiVersion);
    if (early) return sendError(res, early);
    if (!isAuthorized(record.headers, options)) return sendError(res, errors.unauthorized());
    const deployment = decodeURIComponent(route[1]);
    if (options.deployments && !options.deployments.includes(deployment)) return sendError(res, errors.deploymentNotFound());
    const chat = parseChatRequest(deployment, record.body);
    if (typeof chat === 'string') return sendError(res, errors.badRequest(chat, 'messages'));

    if (chat.stream) this.streams++;
    try {
      const result = await answerChat(res, chat, options, fault, receivedAt);
      if (result) this.emit('stream-end', { ...result, request: record });
    } finally {
      if (chat.stream) this.streams--;
    }
  }
}
