import { spawnSync } from 'node:child_process';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers PING at `url`, asked synchronously so a suite can decide at collection
 * time whether it runs. Outside CI a missing Redis skips the suite loudly; in CI it must be there.
 */
export function redisAnswers(url = TEST_REDIS_URL): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const s = require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)}, () => s.write('PING\\r\\n'));
    s.setTimeout(2000, () => process.exit(1));
    s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));
    s.on('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

/** `describe` when Redis is there (or in CI, where its absence must fail), `describe.skip` with a warning otherwise. */
export function describeWithRedis(): jest.Describe {
  if (redisAnswers() || process.env.CI) return describe;
  console.warn(
    `\n[e2e] No Redis answers at ${TEST_REDIS_URL}: the Redis rate-limit tests are SKIPPED.\n` +
      `      Start redis-server (or set REDIS_URL) to run them; CI runs them and fails without Redis.\n`,
  );
  return describe.skip;
}
