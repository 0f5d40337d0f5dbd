// What several app instances behind one load balancer must agree on, behind one small interface:
// counters in fixed time windows (request limits) and a broadcast to every instance (caches that
// must drop an entry everywhere when it changes). Two implementations: PostgreSQL (the default:
// nothing more to run) and Redis (when REDIS_URL is set: the counters then cost PostgreSQL nothing).

export interface WindowCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** When the window ends. */
  resetAt: Date;
}

export interface SharedState {
  readonly kind: "postgres" | "redis";
  /**
   * Counts one hit against `key`. The first hit opens a window of `windowSeconds`; the first hit
   * after it ended opens a new one. Atomic: hits from every instance at once are counted one by one.
   */
  hit(key: string, windowSeconds: number): Promise<WindowCount>;
  /** The hits of each key's current window (0 for none), counting nothing. */
  peek(keys: readonly string[]): Promise<number[]>;
  /** Sends `message` to every instance subscribed to `channel` (this one's included). Best effort. */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `onMessage` for every message published on `channel` from now on, by any instance. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}
