/**
 * A real HTTP server speaking Azure OpenAI's and OpenAI's wire formats (chat
 * completions and embeddings), so the `openai` package's AzureOpenAI and
 * OpenAI clients can be driven against it in tests, demo mode and benchmarks.
 */
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isKnownApiVersion } from './simulator.api-versions';
import { answerChat } from './simulator.chat';
import { type ChatRequest, isErrorResponse, parseChatRequest } from './simulator.chat-request';
import { embeddingsBody, parseEmbeddingsRequest } from './simulator.embeddings';
import * as errors from './simulator.errors';
import { type EmbeddingFault, type SimulatorFault, faultErrorResponse } from './simulator.faults';
import { readBody, sendError, sendJson, setAzureHeaders, setOpenAIHeaders, setRateLimitHeaders } from './simulator.http';
import * as openaiErrors from './simulator.openai-errors';
import { openaiFaultErrorResponse } from './simulator.openai-errors';
import { DEFAULT_SIMULATOR_OPTIONS, type SimulatorApi, type SimulatorOptions } from './simulator.options';
import { type RecordedRequest, bearerToken, isAuthorized, isBearerAuthorized, recordRequest } from './simulator.request';
import { RequestLog } from './simulator.request-log';
import { preciseNow } from './simulator.stamp';
import { type Route, isOpenAIPath, matchRoute } from './simulator.routes';
import type { StreamResult } from './simulator.stream';

export type { RecordedRequest } from './simulator.request';

/** Emitted as 'stream-end' when a streamed response finishes, is dropped or is abandoned by the client. */
export interface StreamEnd extends StreamResult {
  request: RecordedRequest;
}

export interface SimulatorEvents {
  'stream-end': [StreamEnd];
}

export class AzureOpenAISimulator extends EventEmitter<SimulatorEvents> {
  private readonly log = new RequestLog();
  /**
   * The requests received, oldest first: the newest `maxLoggedRequests`, within
   * `maxLoggedBytes` (a request larger than that alone is kept without its body).
   */
  readonly requests: RecordedRequest[] = this.log.entries;
  private options: SimulatorOptions;
  private faults: SimulatorFault[] = [];
  private embeddingFaults: EmbeddingFault[] = [];
  private server?: Server;
  private baseUrl?: string;
  private streams = 0;

  constructor(options: Partial<SimulatorOptions> = {}) {
    super();
    this.options = { ...DEFAULT_SIMULATOR_OPTIONS, ...options };
  }

  /**
   * Listens and resolves with the endpoint, e.g. `http://127.0.0.1:PORT`: AzureOpenAI's
   * `endpoint`, or with `/v1` appended the OpenAI client's `baseURL`.
   */
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
   * Queues a fault for the next `times` chat requests, one per request. A fault is taken
   * by any chat request (Azure's with a known api-version, or OpenAI's), before the key
   * check; on the OpenAI route it answers in OpenAI's error shapes. Embeddings take theirs
   * from `injectEmbeddingFault`.
   */
  injectFault(fault: SimulatorFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** Queues a fault for the next `times` embeddings requests (either route), one per request. */
  injectEmbeddingFault(fault: EmbeddingFault, times = 1): void {
    for (let i = 0; i < times; i++) this.embeddingFaults.push(fault);
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.embeddingFaults.length = 0;
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
    const url = new URL(req.url ?? '/', 'http://simulator');
    const route = matchRoute(url.pathname);
    const openai = route ? route.api === 'openai' : isOpenAIPath(url.pathname);
    if (openai) setOpenAIHeaders(res);
    else setAzureHeaders(res, options.region);
    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      return void res.destroy();
    }
    const record = recordRequest(req, url, raw);
    this.log.add(record, raw, options);

    if (!route || req.method !== 'POST') {
      return sendError(res, openai ? openaiErrors.unknownUrl(req.method ?? 'GET', url.pathname) : errors.resourceNotFound());
    }
    return route.api === 'azure' ? this.handleAzure(res, route, url, record, options, receivedAt) : this.handleOpenAI(res, route, record, options, receivedAt);
  }

  private async handleAzure(res: ServerResponse, route: Route, url: URL, record: RecordedRequest, options: SimulatorOptions, receivedAt: number) {
    const apiVersion = url.searchParams.get('api-version');
    // Azure answers a missing or unknown api-version like an unknown route.
    if (!apiVersion || (!options.demo && !isKnownApiVersion(apiVersion))) return sendError(res, errors.resourceNotFound());
    const deployment = route.deployment!;
    if (route.operation === 'embeddings') {
      const early = faultErrorResponse(this.embeddingFaults.shift(), apiVersion);
      if (early) return sendError(res, early);
      if (!isAuthorized(record.headers, options)) return sendError(res, errors.unauthorized());
      if (!this.knows(deployment, options)) return sendError(res, errors.deploymentNotFound());
      return this.answerEmbeddings(res, record.body, options.embeddingModel, options);
    }
    const fault = this.faults.shift();
    const early = faultErrorResponse(fault, apiVersion);
    if (early) return sendError(res, early);
    if (!isAuthorized(record.headers, options)) return sendError(res, errors.unauthorized());
    if (!this.knows(deployment, options)) return sendError(res, errors.deploymentNotFound());
    const chat = parseChatRequest(deployment, record.body);
    if (isErrorResponse(chat)) return sendError(res, chat);
    return this.answer(res, chat, options, fault, receivedAt, 'azure', record);
  }

  private async handleOpenAI(res: ServerResponse, route: Route, record: RecordedRequest, options: SimulatorOptions, receivedAt: number) {
    const token = bearerToken(record.headers);
    const body = record.body as { model?: unknown } | undefined;
    const model = typeof body?.model === 'string' ? body.model : '';
    const fault = route.operation === 'chat' ? this.faults.shift() : undefined;
    const early = openaiFaultErrorResponse(route.operation === 'chat' ? fault : this.embeddingFaults.shift(), model, token);
    if (early) return sendError(res, early);
    if (!isBearerAuthorized(record.headers, options)) return sendError(res, openaiErrors.invalidApiKey(token));
    if (!model) return sendError(res, openaiErrors.missingModel());
    if (!this.knows(model, options)) return sendError(res, openaiErrors.modelNotFound(model));
    if (route.operation === 'embeddings') return this.answerEmbeddings(res, record.body, model, options);
    const chat = parseChatRequest(model, record.body);
    if (isErrorResponse(chat)) return sendError(res, chat);
    return this.answer(res, chat, options, fault, receivedAt, 'openai', record);
  }

  /** Demo mode knows every name; otherwise `deployments`, when set, lists the known ones. */
  private knows(name: string, options: SimulatorOptions): boolean {
    return options.demo === true || !options.deployments || options.deployments.includes(name);
  }

  private answerEmbeddings(res: ServerResponse, body: unknown, model: string, options: SimulatorOptions): void {
    const request = parseEmbeddingsRequest(body);
    if ('status' in request) return sendError(res, request);
    const answer = embeddingsBody(request, model, options.embeddingDimensions);
    if ('status' in answer) return sendError(res, answer);
    setRateLimitHeaders(res, answer.usage.prompt_tokens);
    sendJson(res, 200, answer);
  }

  private async answer(
    res: ServerResponse,
    chat: ChatRequest,
    options: SimulatorOptions,
    fault: SimulatorFault | undefined,
    receivedAt: number,
    api: SimulatorApi,
    record: RecordedRequest,
  ): Promise<void> {
    if (chat.stream) this.streams++;
    try {
      const result = await answerChat(res, chat, options, fault, receivedAt, api);
      if (result) this.emit('stream-end', { ...result, request: record });
    } finally {
      if (chat.stream) this.streams--;
    }
  }
}
