import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from './rate-limiter.ts';

const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';

const url = inject('redisUrl');
const prefix = `test:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
let n = 0;
const uniqueKey = () => `${prefix}:${++n}`;

let admin: Redis;
const limiters: RateLimiter[] = [];
const limiter = () => {
  const l = redisRateLimiter(url);
  limiters.push(l);
  return l;
};

beforeAll(async () => {
  admin = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  admin.on('error', () => {}); // reported below, once
  try {
    await admin.connect();
    await admin.ping();
  } catch (err) {
    admin.disconnect();
    throw new Error(
      `The rate-limiter tests need Redis at ${url} (set REDIS_URL to use another). ` +
        `Start it with: ${START_REDIS} (${(err as Error).message})`,
    );
  }
});

afterAll(async () => {
  await Promise.all(limiters.map((l) => l.close()));
  if (admin?.status === 'ready') {
    const keys = await admin.keys(`mak:rl:${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
  }
});

describe('redisRateLimiter', () => {
  it('allows `limit` hits in a window, then refuses, reporting when the window resets', async () => {
    const rl = limiter();
    const key = uniqueKey();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await rl.hit(key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    for (const r of results) {
      expect(r.retryAfter).toBeGreaterThan(0);
      expect(r.retryAfter).toBeLessThanOrEqual(60);
    }
    const ttl = await admin.ttl(`mak:rl:${key}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('keeps separate counts per key', async () => {
    const rl = limiter();
    const a = uniqueKey();
    const b = uniqueKey();
    expect((await rl.hit(a, 1, 60)).allowed).toBe(true);
    expect((await rl.hit(a, 1, 60)).allowed).toBe(false);
    expect((await rl.hit(b, 1, 60)).allowed).toBe(true);
  });

  it('shares the count between instances, as two servers on one Redis would', async () => {
    const one = limiter();
    const two = limiter();
    const key = uniqueKey();
    expect((await one.hit(key, 3, 60)).allowed).toBe(true);
    expect((await two.hit(key, 3, 60)).allowed).toBe(true);
    expect((await one.hit(key, 3, 60)).allowed).toBe(true);
    expect((await two.hit(key, 3, 60)).allowed).toBe(false);
    expect((await one.hit(key, 3, 60)).allowed).toBe(false);
  });

  it('counts concurrent hits exactly once each', async () => {
    const [one, two] = [limiter(), limiter()];
    const key = uniqueKey();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).hit(key, 10, 60)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(await admin.get(`mak:rl:${key}`)).toBe('20');
  });

  it('starts a new window once the old one has expired', async () => {
    const rl = limiter();
    const key = uniqueKey();
    expect((await rl.hit(key, 1, 60)).allowed).toBe(true);
    expect((await rl.hit(key, 1, 60)).allowed).toBe(false);
    await admin.del(`mak:rl:${key}`); // what Redis does when the TTL runs out
    expect((await rl.hit(key, 1, 60)).allowed).toBe(true);
  });
});

describe('memoryRateLimiter', () => {
  it('allows `limit` hits per key, then refuses with retryAfter', async () => {
    const rl = memoryRateLimiter();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await rl.hit('k', 2, 30));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    expect(results[2]?.retryAfter).toBeGreaterThan(0);
    expect(results[2]?.retryAfter).toBeLessThanOrEqual(30);
    expect((await rl.hit('other', 2, 30)).allowed).toBe(true);
  });
});
