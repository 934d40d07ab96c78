/**
 * Tries `attempt` until it returns without throwing: for a state the server reaches by itself and
 * announces with no event a test can await (an outage noticed, a gauge dropping). Fails with
 * `what` and the last attempt's error.
 */
export async function eventually<T>(what: string, attempt: () => Promise<T> | T, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms (${(error as Error).message})`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Polls `check` until it holds (see `eventually`). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  await eventually(
    what,
    async () => {
      if (!(await check())) throw new Error('not yet');
    },
    timeoutMs,
    20,
  );
}
