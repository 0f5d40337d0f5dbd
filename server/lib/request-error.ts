import { log } from "./log";
import { requestContext } from "./request-context";

// A page, route or server action that Next.js failed to render or run (instrumentation.ts's
// onRequestError). The browser's error page shows Next.js's digest of the error as its
// reference; this line puts the same digest beside the request's id, so support finds the
// failure, and the request's other lines, from what the person read out to them.

type FailedRequest = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
type Where = { routePath: string; routeType: string };

/** The fields of the failure's log line. The query string is left out: searches hold names. */
export function requestErrorFields(err: unknown, request: FailedRequest, where: Where) {
  const digest = (err as { digest?: unknown } | null)?.digest;
  const header = request.headers["x-request-id"];
  return {
    digest: typeof digest === "string" ? digest : undefined,
    // Our HTTP server's context carries the id into every line; a request it did not see has the header.
    requestId: requestContext() ? undefined : Array.isArray(header) ? header[0] : header,
    method: request.method,
    path: request.path.split("?")[0],
    route: where.routePath,
    kind: where.routeType,
    err: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
  };
}

export function logRequestError(err: unknown, request: FailedRequest, where: Where): void {
  log.error(requestErrorFields(err, request, where), "request failed in Next.js");
}
