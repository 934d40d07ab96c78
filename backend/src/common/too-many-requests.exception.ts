import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * 429 for a staff request refused by a rate limit or a token budget: `code` says which, and
 * AllExceptionsFilter turns `retryAfterMs` into a Retry-After header (whole seconds, rounded up)
 * for clients that read only that.
 */
export class TooManyRequestsException extends HttpException {
  constructor(
    readonly code: 'rate_limited' | 'budget_exceeded',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', code, message, ...(retryAfterMs !== undefined && { retryAfterMs }) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  get retryAfterSeconds(): number | undefined {
    return this.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }
}
