/**
 * Polls `check` until it holds: for a state the server reaches by itself and announces with no
 * event a test can await (a gauge dropping, a request arriving upstream). Fails with `what`.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
