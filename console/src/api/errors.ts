/** An answer other than 2xx, or no answer at all (`status` 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads `{ statusCode, error, message }` (message may be a list) from a failed response's body. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const raw = record.message;
  const message = Array.isArray(raw) ? raw.map(String).join('; ') : typeof raw === 'string' ? raw : '';
  const error = typeof record.error === 'string' ? record.error : '';
  return new ApiError(status, error, message || error);
}

/**
 * Splits a 400 message (`field: problem; other.0: problem`) into problems by top-level field,
 * so a form can show each under its input. What names no field is kept under `''`.
 */
export function fieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split(/;\s+/)) {
    const match = /^([A-Za-z_][\w.]*):\s*(.+)$/.exec(part.trim());
    const field = match ? match[1].split('.')[0] : '';
    const text = match ? (match[1].includes('.') ? `${match[1]}: ${match[2]}` : match[2]) : part.trim();
    if (!text) continue;
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  }
  return out;
}
