import { BadRequestException, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { findNulByte } from './nul-bytes';

/** Validates a body or query with a zod schema; the 400 names each bad field. */
export class ZodPipe<T> implements PipeTransform<unknown, T> {
  // Public: the OpenAPI document (backend/src/openapi) reads each route's schema from its pipe.
  constructor(readonly schema: z.ZodType<T>) {}

  transform(value: unknown): T {
    const nul = findNulByte(value);
    if (nul !== undefined) throw new BadRequestException(`${nul}: must not contain NUL characters`);
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const message = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BadRequestException(message);
  }
}
