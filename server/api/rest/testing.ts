import { PEER_HEADER } from "../../auth/request-meta";
import type { RestRoute } from "./route";

// Calls a REST route the way Next.js would, with a plain Request: no server needed.

export const hostOf = (slug: string | null) => (slug ? `${slug}.localhost:3000` : "localhost:3000");

export interface CallOptions {
  host: string;
  body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  raw?: string;
  token?: string;
  authorization?: string;
  query?: Record<string, string>;
  ip?: string;
  params?: Record<string, string>;
  /** Further request headers (Idempotency-Key, a webhook's signature). */
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON answer (tests read into it freely), or null when the answer is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read into answers of every shape
  body: any;
}

export async function call(route: RestRoute, opts: CallOptions): Promise<CallResult> {
  const url = new URL(`http://${opts.host}${route.spec.path}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = {
    host: opts.host,
    "user-agent": "vitest",
    // As our HTTP server stamps it (server/http/next-server.ts): the address the request came from.
    [PEER_HEADER]: opts.ip ?? "203.0.113.50",
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.authorization) headers.authorization = opts.authorization;
  Object.assign(headers, opts.headers);
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  if (payload !== undefined) headers["content-type"] = "application/json";
  const res = await route(new Request(url, { method: route.spec.method, headers, body: payload }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  const isJson = res.headers.get("content-type")?.includes("application/json");
  return { status: res.status, headers: res.headers, text, body: isJson && text ? JSON.parse(text) : null };
}
