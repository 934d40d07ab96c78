/**
 * A circuit breaker for one upstream (endpoint + deployment + key). Closed: calls go through and
 * consecutive upstream failures are counted. At `threshold` it opens: calls fail fast for
 * `cooldownMs`. Then it is half-open: one call goes through as a probe while the others still
 * fail fast; the probe's success closes it, its failure opens it again.
 *
 * Written here rather than taken from `opossum`: opossum wraps a promise-returning function and
 * judges it by a rolling error percentage with its own timeout, while a model call is a stream
 * whose verdict is known only at its end, and the rule wanted is "N consecutive failures".
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

/** How one call went, from the upstream's side. `neutral` neither proves nor disproves its health. */
export type Verdict = 'success' | 'failure' | 'neutral';

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
  now?: () => number;
  onChange?: (state: BreakerState, breaker: CircuitBreaker) => void;
}

/** Leave to call the upstream once; settle it exactly once (later calls are ignored). */
export interface Permit {
  settle(verdict: Verdict, reason?: string): void;
}

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private lastReason?: string;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.current;
  }

  /** The reason of the latest failure, for the message of a fast failure. */
  get lastFailure(): string | undefined {
    return this.lastReason;
  }

  /** Milliseconds until a probe may go through; 0 unless open. */
  get retryInMs(): number {
    return this.current === 'open' ? Math.max(0, Math.ceil(this.openedAt + this.options.cooldownMs - this.now())) : 0;
  }

  /** A permit to call, or undefined to fail fast. */
  tryAcquire(): Permit | undefined {
    if (this.current === 'open') {
      if (this.retryInMs > 0) return undefined;
      this.transition('half_open');
    }
    if (this.current === 'half_open') {
      if (this.probing) return undefined;
      this.probing = true;
      return this.permit(true);
    }
    return this.permit(false);
  }

  private permit(probe: boolean): Permit {
    let settled = false;
    return {
      settle: (verdict, reason) => {
        if (settled) return;
        settled = true;
        if (probe) this.probing = false;
        this.record(verdict, probe, reason);
      },
    };
  }

  private record(verdict: Verdict, probe: boolean, reason?: string): void {
    if (verdict === 'success') {
      // Any success proves the upstream answers, even one that started before the circuit opened.
      this.failures = 0;
      if (this.current !== 'closed') this.transition('closed');
      return;
    }
    if (verdict === 'neutral') return;
    this.lastReason = reason ?? this.lastReason;
    if (probe || this.current === 'half_open') return this.open();
    // A call that started while closed and fails after the circuit opened changes nothing.
    if (this.current === 'closed' && ++this.failures >= this.options.threshold) this.open();
  }

  private open(): void {
    this.openedAt = this.now();
    this.failures = 0;
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    if (this.current === state) return;
    this.current = state;
    this.options.onChange?.(state, this);
  }
}
