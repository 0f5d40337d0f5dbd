import { describe, expect, it } from "vitest";
import { snapshot } from "./service";

// What an audit entry keeps of a before/after value. Flat objects (a billing run audits each
// invoice with one) skip the JSON round trip; both ways must keep and redact the same things.
describe("audit snapshot", () => {
  it("keeps a flat object's values as they are and leaves out undefined ones", () => {
    const after = { number: "INV-7", customerId: "c1", totalMinor: 2_900, paid: false, note: null, gone: undefined };
    const kept = snapshot(after);
    expect(kept).toEqual({ number: "INV-7", customerId: "c1", totalMinor: 2_900, paid: false, note: null });
    expect(kept).not.toHaveProperty("gone");
    // A copy: changing the value afterwards does not change what was recorded.
    after.totalMinor = 1;
    expect(kept).toMatchObject({ totalMinor: 2_900 });
  });

  it("redacts secrets and sealed identifiers, flat or nested", () => {
    expect(snapshot({ email: "a@b.test", password: "hunter2", taxId: "P051", resetToken: null })).toEqual({
      email: "a@b.test",
      password: "[redacted]",
      taxId: "[redacted]",
      resetToken: null,
    });
    expect(snapshot({ user: { name: "Ann", passwordHash: "x" } })).toEqual({
      user: { name: "Ann", passwordHash: "[redacted]" },
    });
  });

  it("turns what JSON cannot hold into what JSON makes of it", () => {
    expect(snapshot({ rate: Number.NaN, at: new Date("2026-03-01T00:00:00Z") })).toEqual({
      rate: null,
      at: "2026-03-01T00:00:00.000Z",
    });
    expect(snapshot(null)).toBeUndefined();
  });
});
