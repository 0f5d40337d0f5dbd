import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./urls";

// A sign-in page's `next` must never send the browser to another host.
const ORIGIN = "http://acme.localhost:3000";
const next = (target: string) => sameOriginPath(target, ORIGIN);

describe("sameOriginPath", () => {
  it("keeps local paths with their query and fragment", () => {
    expect(next("/customers?page=2#top")).toBe("/customers?page=2#top");
    expect(next("/two-factor/setup")).toBe("/two-factor/setup");
  });

  it.each([
    ["backslash", "/\\evil.example"],
    ["tab between slashes", "/\t/evil.example"],
    ["newline", "/\n/evil.example"],
    ["protocol-relative", "//evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["absolute URL on our own scheme", "http://acme.localhost:3000.evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["encoded backslash", "/%5Cevil.example"],
    ["encoded tab", "/%09/evil.example"],
    ["encoded slashes", "/%2F%2Fevil.example"],
    ["dot segment to a protocol-relative path", "/.//evil.example"],
    ["malformed escape", "/%E0%A4%A"],
    ["empty", ""],
  ])("refuses %s", (_, target) => {
    expect(next(target)).toBe("/");
  });

  it("the fallback is the caller's", () => {
    expect(sameOriginPath("//evil.example", ORIGIN, "/portal")).toBe("/portal");
  });
});
