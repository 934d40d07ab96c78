import { AppConfig } from '../config/app-config';
import { OutboundPolicy, refusalForOwnerEndpoint } from './endpoint-policy';
import { createGuardedFetch, FetchLike, GuardedFetch } from './guarded-fetch';
import type { Resolver } from './guarded-lookup';

/**
 * The one way to reach an endpoint an owner set (a bot's model endpoint; a knowledge document's
 * URL later): `check` at save time for a 400 that names the field, `fetch` for every request.
 * Endpoints the operator sets in the environment are trusted and do not come through here.
 */
export class OutboundGuard {
  private readonly guarded: GuardedFetch;
  readonly policy: OutboundPolicy;

  constructor(config: Pick<AppConfig, 'allowPrivateEndpoints'>, resolve?: Resolver) {
    this.policy = { allowPrivate: config.allowPrivateEndpoints };
    this.guarded = createGuardedFetch({ ...this.policy, resolve });
  }

  get fetch(): FetchLike {
    return this.guarded.fetch;
  }

  /** Why an owner's endpoint would be refused, e.g. "must use https"; undefined when it is accepted. */
  check(endpoint: string): string | undefined {
    return URL.canParse(endpoint) ? refusalForOwnerEndpoint(endpoint, this.policy) : 'must be a URL';
  }

  destroy(): void {
    this.guarded.destroy();
  }
}
