import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** `scheme://host[:port]` the request was addressed to (behind a loopback proxy, as forwarded). */
export const RequestOrigin = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return `${req.protocol}://${req.get('host')}`;
});
