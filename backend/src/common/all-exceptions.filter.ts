import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../logging/request-log.middleware';
import { TooManyRequestsException } from './too-many-requests.exception';

/**
 * HTTP errors keep Nest's `{ statusCode, error, message }`. Anything else is logged with a
 * request id and answered with a plain 500 carrying that id, never the internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      if (exception instanceof TooManyRequestsException && exception.retryAfterSeconds) res.setHeader('Retry-After', exception.retryAfterSeconds);
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), error: body, message: body } : body);
      return;
    }
    const requestId = requestIdOf(host.switchToHttp().getRequest<Request>());
    this.logger.error('unhandled error', { requestId, error: (exception as Error)?.stack ?? String(exception) });
    if (res.headersSent) return void res.end();
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong', requestId });
  }
}
