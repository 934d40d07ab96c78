/**
 * Small node:http helpers: reading bodies, Azure's and OpenAI's response headers, JSON replies.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorErrorResponse } from './simulator.errors';

/** Requests over this size are cut off: the simulator is not a place for uploads. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Headers Azure puts on every response, success or error. */
export function setAzureHeaders(res: ServerResponse, region: string): void {
  res.setHeader('apim-request-id', randomUUID());
  res.setHeader('x-request-id', randomUUID());
  res.setHeader('x-ms-region', region);
  res.setHeader('x-content-type-options', 'nosniff');
}

/** Headers OpenAI puts on every response (instead of Azure's). */
export function setOpenAIHeaders(res: ServerResponse): void {
  res.setHeader('x-request-id', `req_${randomUUID().replace(/-/g, '')}`);
  res.setHeader('openai-organization', 'org-simulator');
  res.setHeader('openai-version', '2020-10-01');
  res.setHeader('openai-processing-ms', '1');
  res.setHeader('x-content-type-options', 'nosniff');
}

/** Rate-limit headers of a successful response; the simulator never runs out. */
export function setRateLimitHeaders(res: ServerResponse, promptTokens: number): void {
  res.setHeader('x-ratelimit-limit-requests', '1000');
  res.setHeader('x-ratelimit-limit-tokens', '150000');
  res.setHeader('x-ratelimit-remaining-requests', '999');
  res.setHeader('x-ratelimit-remaining-tokens', String(Math.max(0, 150000 - promptTokens)));
  res.setHeader('x-ratelimit-reset-requests', '60ms');
  res.setHeader('x-ratelimit-reset-tokens', '0s');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

export const sendError = (res: ServerResponse, error: SimulatorErrorResponse): void =>
  sendJson(res, error.status, error.body, error.headers);

/**
 * Resolves after `ms`, or with false as soon as the client goes away (so no
 * timer outlives the connection). `ms` undefined waits for the client only.
 */
export function waitUnlessClosed(res: ServerResponse, ms: number | undefined): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = ms === undefined ? undefined : setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, Math.max(0, ms));
    res.once('close', onClose);
  });
}
