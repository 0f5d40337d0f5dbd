import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_BODY_BYTES, requestHolding } from "../api/body";
import { log } from "../lib/log";
import { securityHeaders } from "../api/request-guard";
import { directRoute } from "../api/rest/direct";
import { bytesOfAnswer, type RestRoute } from "../api/rest/route";

// The production server's direct path (server/api/rest/direct.ts says which routes and why): the
// Node request handed to the route as a standard Request, its Response written back. The body is
// read with the route's own ceiling: past it reading stops and the route answers 413 as it would
// through Next.js (the connection is then closed, the rest of the body unread).

/** The direct route for this request, if it has one (an exact path, no query string). */
export function directRouteOf(req: IncomingMessage): RestRoute | undefined {
  const url = req.url ?? "";
  if (req.method !== "POST" || url.includes("?")) return undefined;
  return directRoute(req.method, url);
}

/** The body's chunks until its end, or until they pass `ceiling` (then the rest is left unread). */
function readUpTo(req: IncomingMessage, ceiling: number): Promise<{ chunks: Buffer[]; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= ceiling) return;
      // Enough to know it is too large: the route answers 413, and the connection is closed after it.
      req.off("data", onData).off("end", onEnd).pause();
      resolve({ chunks, complete: false });
    };
    const onEnd = () => resolve({ chunks, complete: true });
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

export async function serveDirect(route: RestRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const ceiling = route.spec.rawBody?.maxBytes ?? MAX_BODY_BYTES;
    const declared = Number(req.headers["content-length"] ?? 0);
    const { chunks, complete } = declared > ceiling ? { chunks: [], complete: false } : await readUpTo(req, ceiling);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    const bytes = chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    // The bytes as read, held for the route's body reader (server/api/body.ts) rather than copied into the Request.
    const answer = await route(
      requestHolding(`http://${req.headers.host ?? "localhost"}${req.url}`, { method: req.method!, headers }, bytes),
    );
    const out: Record<string, string> = { ...securityHeaders() };
    answer.headers.forEach((value, name) => (out[name] = value));
    if (!complete) out.connection = "close";
    const held = bytesOfAnswer(answer);
    const payload = held
      ? Buffer.from(held.buffer, held.byteOffset, held.byteLength)
      : answer.body
        ? Buffer.from(await answer.arrayBuffer())
        : undefined;
    if (payload) out["content-length"] = String(payload.length);
    res.writeHead(answer.status, out);
    res.end(payload);
  } catch (err) {
    // The route answers its own errors; this is the adapter failing (a broken connection).
    log.error({ err }, "direct route failed");
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain", connection: "close" });
    res.end();
  }
}
