/**
 * An owner-set endpoint the outbound guard would not connect to. Its message is safe to show the
 * owner: it names the rule, not what (if anything) listens at the address.
 */
export class OutboundRefusedError extends Error {
  readonly code = 'ERR_OUTBOUND_REFUSED';

  constructor(reason: string) {
    super(`endpoint refused: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** The guard's refusal anywhere in an error's `cause` chain (HTTP clients wrap what fetch throws). */
export function findRefusal(error: unknown): OutboundRefusedError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    if (current instanceof OutboundRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
