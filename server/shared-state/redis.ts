import { Redis } from "ioredis";
import { log } from "../lib/log";
import type { SharedState } from "./types";

// With REDIS_URL: counters as Redis keys that expire with their window, broadcasts with Redis
// pub/sub. Keys carry REDIS_KEY_PREFIX so that several deployments can share one Redis.

// INCR and, for the window's first hit, its expiry, in one atomic step; the reply is the count and
// the milliseconds left. A key left without an expiry (a crash between two commands cannot
// happen in a script, but an older writer might) gets one too.
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

export function redisState(url: string, prefix: string): SharedState {
  const options = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false } as const;
  const client = new Redis(url, options);
  let subscriber: Redis | null = null;
  const handlers = new Map<string, Set<(message: string) => void>>();
  // ioredis reconnects by itself; without a listener an error event would end the process.
  client.on("error", (err: Error) => log.warn({ err: err.message }, "shared state: Redis connection error"));
  const key = (k: string) => `${prefix}rl:${k}`;
  const channelOf = (c: string) => `${prefix}${c}`;

  return {
    kind: "redis",
    async hit(k, windowSeconds) {
      const [count, ttl] = (await client.eval(HIT, 1, key(k), String(windowSeconds * 1000))) as [number, number];
      return { count, resetAt: new Date(Date.now() + ttl) };
    },
    async peek(keys) {
      if (keys.length === 0) return [];
      const values = await client.mget(...keys.map(key));
      return values.map((v) => (v === null ? 0 : Number(v)));
    },
    async publish(channel, message) {
      await client.publish(channelOf(channel), message);
    },
    async subscribe(channel, onMessage) {
      if (!subscriber) {
        subscriber = client.duplicate();
        subscriber.on("error", (err: Error) => log.warn({ err: err.message }, "shared state: Redis subscriber error"));
        subscriber.on("message", (c: string, m: string) => {
          for (const h of handlers.get(c) ?? []) h(m);
        });
      }
      const c = channelOf(channel);
      let set = handlers.get(c);
      if (!set) {
        handlers.set(c, (set = new Set()));
        await subscriber.subscribe(c);
      }
      set.add(onMessage);
    },
    async close() {
      await Promise.all([client.quit().catch(() => {}), subscriber?.quit().catch(() => {})]);
    },
  };
}
