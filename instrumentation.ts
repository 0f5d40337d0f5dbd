// Next.js calls register() once when a server starts. Background work a request emits runs in
// this process when no Inngest server is configured (server/jobs/emit.ts), so the handlers are
// handed over here, before the first request. The RADIUS endpoints are registered for our HTTP
// server to answer without Next.js's router (server/api/rest/direct.ts); loaded here, at start,
// they are also ready before the first login rather than compiled on its request.
import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { handleEventsInline } = await import("./server/jobs");
    handleEventsInline();
    const [{ registerDirectRoutes }, radius] = await Promise.all([
      import("./server/api/rest/direct"),
      import("./server/modules/radius/rest"),
      // Registers the RADIUS counters with every scrape, METRICS_PORT's included.
      import("./server/api/rest/metrics"),
    ]);
    registerDirectRoutes([radius.authorize, radius.postAuth, radius.accounting, radius.accountingBatch]);
  }
}

// A page that failed shows Next.js's digest of the error as its reference (app/error.tsx); the
// digest is logged here with the request's id, so support can find the failure from it.
export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./server/lib/request-error");
  logRequestError(err, request, context);
};
