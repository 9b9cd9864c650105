// Tests of the Redis mode run when REDIS_URL_TEST answers; otherwise they skip, saying why.
import { Redis } from 'ioredis';

let cached: Promise<{ url: string | null; problem: string | null }> | undefined;

export function redisForTests(): Promise<{ url: string | null; problem: string | null }> {
  cached ??= (async () => {
    const url = process.env.REDIS_URL_TEST;
    if (!url) return { url: null, problem: 'REDIS_URL_TEST is not set' };
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    try {
      await probe.connect();
      await probe.ping();
      return { url, problem: null };
    } catch (error) {
      return { url: null, problem: error instanceof Error ? error.message : String(error) };
    } finally {
      probe.disconnect();
    }
  })();
  return cached;
}
