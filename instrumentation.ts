// Next.js calls register() once when a server starts. Background work a request emits runs in
// this process when no Inngest server is configured (server/jobs/emit.ts), so the handlers are
// handed over here, before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { handleEventsInline } = await import("./server/jobs");
    handleEventsInline();
  }
}
