import type { RestRoute } from "./route";

// Routes our production HTTP server (server/http/next-server.ts) answers itself, without going
// through Next.js's router and proxy.ts: RADIUS's authorize, accounting and batch endpoints, which
// FreeRADIUS calls for every login and packet. For those the framework's per-request work (route
// matching, the proxy's NextRequest and rewritten headers, the route module's wrapping) cost more
// CPU than the endpoint itself (docs/BENCHMARKS.md, "First logins"). The handlers are the same
// defineRoute functions the app/api route files export: company from the Host header, the
// RADIUS key, the same answers. Only exact paths and methods are taken; anything else (a trailing
// slash, another method) goes to Next.js as before. What proxy.ts would have added to these
// answers, the security headers, the direct path adds too; its other checks do not apply to them
// (no cookie authentication, the company is looked up by the route itself).
//
// On globalThis: instrumentation.ts registers the routes from Next.js's bundle (the same module
// copies every other request uses: the accounting queue, key cache and metrics live on globalThis
// too), and the HTTP server, loaded outside that bundle, looks them up here.

const holder = globalThis as unknown as { lastmileDirectRoutes?: Map<string, RestRoute> };
const routes = (holder.lastmileDirectRoutes ??= new Map());

const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Makes these routes answerable by the HTTP server itself (called once at start-up). */
export function registerDirectRoutes(list: readonly RestRoute[]): void {
  for (const route of list) routes.set(keyOf(route.spec.method, route.spec.path), route);
}

/** The route registered for exactly this method and path (no query string), if any. */
export function directRoute(method: string, path: string): RestRoute | undefined {
  return routes.get(keyOf(method, path));
}
