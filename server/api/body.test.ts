import { describe, expect, it, vi } from "vitest";
import { BodyTooLarge, readBodyText, requestHolding } from "./body";

// Bodies are decoded as UTF-8; plain ASCII takes a shortcut (Latin-1, the same text), which must
// never change what a body with other characters reads as.

const request = (body: Uint8Array<ArrayBuffer> | string) => new Request("http://x/", { method: "POST", body });

describe("readBodyText", () => {
  it("reads ASCII, UTF-8 and malformed UTF-8 as UTF-8 decoding does", async () => {
    expect(await readBodyText(request('{"User-Name":"acc42"}'))).toBe('{"User-Name":"acc42"}');
    expect(await readBodyText(request('{"User-Name":"Zoë Ñandú ✓ 🚀"}'))).toBe('{"User-Name":"Zoë Ñandú ✓ 🚀"}');
    const bad = new Uint8Array([0x61, 0xe9, 0x62]); // "a", a lone Latin-1 byte, "b"
    expect(await readBodyText(request(bad))).toBe(Buffer.from(bad).toString("utf8"));
    expect(await readBodyText(request(bad))).toBe("a\uFFFDb");
  });

  it("refuses a body over the ceiling", async () => {
    await expect(readBodyText(request("x".repeat(11)), 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it("reads the bytes our server held for a request as it reads a streamed body, with the same ceiling", async () => {
    const held = (body: string) =>
      requestHolding("http://x/", { method: "POST", headers: new Headers() }, Buffer.from(body));
    expect(await readBodyText(held('{"User-Name":"acc42"}'))).toBe('{"User-Name":"acc42"}');
    expect(await readBodyText(held('{"User-Name":"Zoë 🚀"}'))).toBe('{"User-Name":"Zoë 🚀"}');
    await expect(readBodyText(held("x".repeat(11)), 10)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(await readBodyText(requestHolding("http://x/", { method: "POST", headers: new Headers() }, undefined))).toBe(
      "",
    );
  });

  it("reads the held bytes from another copy of this module, as the route in Next.js's bundle does", async () => {
    // In production the HTTP server holds the body with its own copy of body.ts and the route
    // reads it with the bundle's copy; a fresh import stands for the second copy.
    vi.resetModules();
    const bundled = await import("./body");
    expect(bundled.readBodyText).not.toBe(readBodyText);
    const req = requestHolding("http://x/", { method: "POST", headers: new Headers() }, Buffer.from('{"a":1}'));
    expect(await bundled.readBodyText(req)).toBe('{"a":1}');
  });
});
