import { afterEach, describe, expect, it, vi } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany } from "../../test/fixtures";
import { findBySlug } from "./service";

// The subdomain cache is fed by Host headers that anyone can send: it must stay small whatever
// they send, and a miss must not hide a company for long.
const cache = () => (globalThis as { lastmileSlugCache?: Map<string, unknown> }).lastmileSlugCache!;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("findBySlug's cache", () => {
  it("answers names no company could register without a lookup or a cache entry", async () => {
    await findBySlug("warm-up");
    const before = cache().size;
    for (const host of ["x".repeat(8192), "under_score", "-dash", "ab", "api", "a.b"])
      expect(await findBySlug(host)).toBeNull();
    expect(cache().size).toBe(before);
  });

  it("keeps at most 1,000 names, dropping the least recently used", { timeout: 120_000 }, async () => {
    const kept = await makeCompany("kept-isp");
    for (let batch = 0; batch < 11; batch++) {
      expect(await findBySlug("kept-isp")).toMatchObject({ id: kept.company.id });
      await Promise.all(Array.from({ length: 100 }, (_, i) => findBySlug(`unknown-${batch * 100 + i}`)));
    }
    expect(cache().size).toBeLessThanOrEqual(1000);
    expect(cache().has("kept-isp")).toBe(true);
    expect(cache().has("unknown-0")).toBe(false);
  });

  it("forgets a miss after a few seconds", async () => {
    expect(await findBySlug("late-isp")).toBeNull();
    const id = newId();
    await withTenant(id, (tx) =>
      tx.company.create({
        data: { id, name: "Late ISP", slug: "late-isp", currency: "USD", timeZone: "UTC", country: "US" },
      }),
    );
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 6_000);
    expect(await findBySlug("late-isp")).toMatchObject({ id });
  });
});
