import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { BodyTooLarge, readBodyText } from "@/server/api/body";
import { createHttpContext } from "@/server/api/context";
import { MAX_BATCH_SIZE } from "@/server/api/limits";
import { recentWriteCookie } from "@/server/api/read-your-writes";
import { appRouter } from "@/server/api/root";

// The body is read with a ceiling before tRPC parses it, and a batch holds at most
// MAX_BATCH_SIZE calls (the browser's link splits larger ones), so one request cannot make the
// server do unbounded work.
async function handler(req: Request) {
  let request = req;
  if (req.method === "POST") {
    try {
      request = new Request(req, { body: await readBodyText(req) });
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      return Response.json({ error: { code: "PAYLOAD_TOO_LARGE", message: err.message } }, { status: 413 });
    }
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createHttpContext(request),
    // After a write, this browser reads from the primary for a few seconds (read-your-writes.ts).
    responseMeta: ({ type }) => {
      const cookie = type === "query" ? null : recentWriteCookie();
      return cookie ? { headers: new Headers({ "set-cookie": cookie }) } : {};
    },
  });
}

export { handler as GET, handler as POST };
