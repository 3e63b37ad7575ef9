import { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets. */
  retryAfter: number;
}

/** Fixed-window counters. Redis when configured (shared by all instances), in-process otherwise. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSec: number): Promise<RateLimitResult>;
  close(): Promise<void>;
}

export function memoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowSec) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowSec * 1000 };
        windows.set(key, w);
        if (windows.size > 50_000) {
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
        }
      }
      w.count++;
      return { allowed: w.count <= limit, retryAfter: Math.ceil((w.resetAt - now) / 1000) };
    },
    async close() {},
  };
}

export function redisRateLimiter(url: string): RateLimiter {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  return {
    async hit(key, limit, windowSec) {
      const k = `mak:rl:${key}`;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [
        [Error | null, number],
        [Error | null, number],
      ];
      let remaining = ttl;
      if (ttl < 0) {
        await redis.expire(k, windowSec);
        remaining = windowSec;
      }
      return { allowed: count <= limit, retryAfter: remaining };
    },
    async close() {
      await redis.quit();
    },
  };
}
