import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import { MAX_BATCH_SIZE } from "./limits";

// The tRPC endpoint's limits, before any procedure runs: a body over 1 MB and a batch of more
// than MAX_BATCH_SIZE calls are refused, so one request cannot make the server do unbounded work
// (a batch of 200 sign-up calls once meant 200 password hashes).

const URL_BASE = "http://limits.localhost:3000/api/trpc";

describe("tRPC request limits", () => {
  it("refuses a declared body over 1 MB with 413 and the error shape, before reading it", async () => {
    const res = await POST(
      new Request(`${URL_BASE}/companies.register`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": "2000000" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "The request body is larger than 1 MB." },
    });
  });

  it("stops reading a chunked body without a length once it passes 1 MB", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 50_000_000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await POST(
      new Request(`${URL_BASE}/companies.register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(2_000_000);
  });

  it(`refuses a batch of more than ${MAX_BATCH_SIZE} calls`, async () => {
    const paths = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "portal.packages").join(",");
    const res = await GET(new Request(`${URL_BASE}/${paths}?batch=1&input={}`));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/batch/i);
  });
});
