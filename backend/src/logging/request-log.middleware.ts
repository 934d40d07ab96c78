import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const logger = new Logger('Http');
const INCOMING_ID = /^[\w.:-]{8,128}$/;

/** The id of a request: the proxy's `X-Request-Id` when it looks sane, else a new one. */
export function requestIdOf(req: Request): string {
  const known = (req as Request & { requestId?: string }).requestId;
  if (known) return known;
  const incoming = req.get('x-request-id');
  const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  (req as Request & { requestId?: string }).requestId = id;
  return id;
}

/**
 * Gives every request an id (echoed as `X-Request-Id`) and logs it once finished. The path is
 * logged without its query string: a search query is a visitor's words.
 */
export function requestLog(req: Request, res: Response, next: NextFunction): void {
  const requestId = requestIdOf(req);
  const started = performance.now();
  res.setHeader('X-Request-Id', requestId);
  res.on('finish', () => {
    const line = { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(performance.now() - started) };
    if (res.statusCode >= 500) logger.error('request failed', line);
    else logger.debug('request', line);
  });
  next();
}
