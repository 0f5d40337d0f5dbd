// Next.js calls register() once when a server starts. Background work a request emits runs in
// this process when no Inngest server is configured (server/jobs/emit.ts), so the handlers are
// handed over here, before the first request. The RADIUS endpoints are registered for our HTTP
// server to answer without Next.js's router (server/api/rest/direct.ts); loaded here, at start,
// they are also ready before the first login rather than compiled on its request.
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
