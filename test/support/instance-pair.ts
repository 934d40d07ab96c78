import { randomBytes } from 'node:crypto';
import type { AzureOpenAISimulator } from '../../backend/src/llm/simulator';
import { createTestDatabase } from './database';
import { redisAnswers, TEST_REDIS_URL } from './redis';
import { startSimulator, startTestApp, type TestApp } from './test-app';

export interface InstancePair {
  a: TestApp;
  b: TestApp;
  simulator: AzureOpenAISimulator;
  /** The Redis key prefix of this run (its cluster stream is `${prefix}socket.io-cluster`). */
  prefix: string;
  close(): Promise<void>;
}

/**
 * Two instances of the app on one database and one Redis, as behind a load balancer, answered by
 * one simulator. Redis keys are unique to the run, so runs sharing a Redis never hear each other;
 * per-address connection limits are off (every test socket comes from 127.0.0.1).
 */
export async function startInstancePair(tag: string): Promise<InstancePair> {
  if (!redisAnswers()) throw new Error(`CI must provide Redis at ${TEST_REDIS_URL}`);
  const prefix = `cc-${tag}-${randomBytes(4).toString('hex')}:`;
  const database = await createTestDatabase();
  const sim = await startSimulator();
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_IP_CONNECTIONS_PER_MINUTE: '0', RATE_IP_NEW_VISITORS_PER_HOUR: '0' };
  const a = await startTestApp({ database, simulatorUrl: sim.url, env });
  const b = await startTestApp({ database, simulatorUrl: sim.url, env });
  return {
    a,
    b,
    simulator: sim.simulator,
    prefix,
    close: async () => {
      await a.close();
      await b.close();
      await sim.simulator.stop();
      await database.drop();
    },
  };
}
