import { describe, expect, it } from "vitest";
import { newIds, newOrderedIds } from "./ids";

describe("newIds", () => {
  it("gives as many distinct ids as asked: a letter, then 24 of [0-9a-z]", () => {
    const ids = newIds(20_000);
    expect(ids).toHaveLength(20_000);
    expect(new Set(ids).size).toBe(20_000);
    for (const id of ids) expect(id).toMatch(/^[a-z][0-9a-z]{24}$/);
  });

  it("uses every character about equally often (no bias a guesser could use)", () => {
    const counts = new Map<string, number>();
    for (const id of newIds(20_000)) for (const c of id.slice(1)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (20_000 * 24) / 36;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});

describe("newOrderedIds", () => {
  it("gives distinct ids of newIds' shape, ascending, and after the ids of an earlier millisecond", async () => {
    const first = newOrderedIds(5_000);
    await new Promise((resolve) => setTimeout(resolve, 2));
    const later = newOrderedIds(5_000);
    const all = [...first, ...later];
    expect(new Set(all).size).toBe(10_000);
    for (const id of all) expect(id).toMatch(/^[a-z][0-9a-z]{24}$/);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]! < all[i]!).toBe(true);
  });

  it("draws the 17 characters after the time uniformly (no bias a guesser could use)", () => {
    const counts = new Map<string, number>();
    for (const id of newOrderedIds(20_000)) for (const c of id.slice(8)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(36);
    const expected = (20_000 * 17) / 36;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});
