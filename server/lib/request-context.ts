import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// What every log line of one request or job carries (server/lib/log.ts): its request id and the
// company it works for. AsyncLocalStorage follows the request through awaits, services,
// after-commit work and the background work it emits in this process; an Inngest run takes the
// id from its event (server/jobs/observe.ts). On globalThis: our HTTP server starts the context
// and Next.js's bundles (another copy of this file) read it.

export interface RequestContext {
  requestId: string;
  companyId?: string;
  /** The background function running, for a job's lines. */
  job?: string;
}

const holder = globalThis as unknown as { lastmileRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.lastmileRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const requestContext = (): RequestContext | undefined => storage.getStore();

export function withRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Runs `fn` with the company set on the current context (a tenant transaction); as is without one. */
export function withCompany<T>(companyId: string, fn: () => T): T {
  const current = storage.getStore();
  if (!current || current.companyId === companyId) return fn();
  return storage.run({ ...current, companyId }, fn);
}

/** An incoming X-Request-Id when it is a sane token (a proxy's or a caller's), else a new one. */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.:@+-]{1,128}$/.test(given) ? given : randomUUID();
}
