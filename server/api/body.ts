import { isAscii } from "node:buffer";

// Request bodies are read with a ceiling: a declared length over it is refused before reading,
// and a chunked body stops being read the moment it passes it, so no request can make the
// server buffer more than the ceiling.

export const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${Math.round(maxBytes / 1_000_000)} MB.`);
  }
}

// Bodies our own HTTP server already read from the socket (server/http/direct.ts): the route
// takes those bytes as they are. Handed to a Request, a body is copied into it and read back
// through a byte stream (another copy, the buffer detached on the way); for a RADIUS batch of
// 2 MB that was about a tenth of the server's CPU.
// On globalThis: in production the HTTP server (outside Next.js's bundle) holds the bytes and the
// route (inside it) reads them, each with its own copy of this module (server/api/rest/direct.ts).
const shared = globalThis as unknown as { lastmileHeldBodies?: WeakMap<Request, Buffer> };
const held = (shared.lastmileHeldBodies ??= new WeakMap());

/** A bodiless Request carrying `bytes` as its body for readBodyText (the only reader of the routes it is handed to). */
export function requestHolding(url: string, init: { method: string; headers: Headers }, bytes: Buffer | undefined) {
  const req = new Request(url, init);
  if (bytes) held.set(req, bytes);
  return req;
}

/** The body as text, or BodyTooLarge once it passes `maxBytes`. */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new BodyTooLarge(maxBytes);
  const bytes = held.get(req) ?? (await streamedBody(req, maxBytes));
  if (bytes.length > maxBytes) throw new BodyTooLarge(maxBytes);
  // Plain ASCII (every RADIUS record we have seen) is the same text in Latin-1, which is a copy;
  // decoding UTF-8 checks every byte and was a few % of a RADIUS batch's CPU.
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

async function streamedBody(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  // A body usually arrives as one chunk: decoded where it lies rather than copied first.
  return chunks.length === 1
    ? Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength)
    : Buffer.concat(chunks);
}
