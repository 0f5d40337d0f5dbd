import { describe, expect, it } from "vitest";
import { wantsDemoSeed } from "../prisma/seed";

// The demo company and operator share a published password: production never gets them unasked.
describe("wantsDemoSeed", () => {
  it("seeds in development, and in production only with SEED_DEMO=1", () => {
    expect(wantsDemoSeed("dev", {})).toBe(true);
    expect(wantsDemoSeed("start", {})).toBe(false);
    expect(wantsDemoSeed("start", { SEED_DEMO: "1" })).toBe(true);
    expect(wantsDemoSeed("dev", { SKIP_SEED: "1" })).toBe(false);
  });
});
