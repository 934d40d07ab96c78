import type { z } from 'zod';
import { findNulByte } from '../common/nul-bytes';
import { ChatError } from './chat-error';

/** A visitor's payload checked against its schema: anything else (NUL bytes included) is `bad_request`. */
export function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  if (findNulByte(payload) !== undefined) throw new ChatError('bad_request');
  const result = schema.safeParse(payload);
  if (!result.success) throw new ChatError('bad_request');
  return result.data;
}
