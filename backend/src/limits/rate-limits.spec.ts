import { AppConfig } from '../config/app-config';
import { RateLimits, RateRule } from './rate-limits';
import { RedisConnection } from './redis-connection';

const sut = () => new RateLimits({ redisKeyPrefix: 'test:' } as AppConfig, { client: undefined } as RedisConnection);
const rule = (points: number): RateRule => ({ name: 'visitor-messages', points, seconds: 60 });

describe('RateLimits in memory', () => {
  afterEach(() => jest.useRealTimers());

  it('allows `points` hits per window, then answers how long until the window ends', async () => {
    const limits = sut();
    for (let i = 0; i < 3; i++) await expect(limits.hit(rule(3), 'v1')).resolves.toBe(0);
    const wait = await limits.hit(rule(3), 'v1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
  });

  it('counts each key on its own', async () => {
    const limits = sut();
    await limits.hit(rule(1), 'v1');
    await expect(limits.hit(rule(1), 'v1')).resolves.toBeGreaterThan(0);
    await expect(limits.hit(rule(1), 'v2')).resolves.toBe(0);
  });

  it('lets everything through when the limit is 0', async () => {
    const limits = sut();
    for (let i = 0; i < 50; i++) await expect(limits.hit(rule(0), 'v1')).resolves.toBe(0);
  });

  it('holds each bot to its own limit for the same rule', async () => {
    const limits = sut();
    await limits.hit(rule(1), 'strict-bot-visitor');
    await expect(limits.hit(rule(1), 'strict-bot-visitor')).resolves.toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await expect(limits.hit(rule(5), 'lenient-bot-visitor')).resolves.toBe(0);
  });

  it('allows again once the window has passed', async () => {
    jest.useFakeTimers({ now: new Date('2025-03-14T12:00:00Z') });
    const limits = sut();
    await limits.hit(rule(1), 'v1');
    await expect(limits.hit(rule(1), 'v1')).resolves.toBe(60_000);
    jest.advanceTimersByTime(60_001);
    await expect(limits.hit(rule(1), 'v1')).resolves.toBe(0);
  });
});
