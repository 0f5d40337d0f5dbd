import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import { next } from "./service";

it("numbers are unique and gap-free per company under concurrency, and independent across companies", async () => {
  const a = await makeCompany("count-a");
  const b = await makeCompany("count-b");
  const take = (companyId: string) =>
    withTenant(companyId, (tx) => next({ tx, companyId, actor: { type: "SYSTEM" } }, "account"));
  const numbers = await Promise.all(Array.from({ length: 20 }, () => take(a.company.id)));
  expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(await take(b.company.id)).toBe(1);
  // A rolled-back transaction does not consume a number.
  await expect(
    withTenant(a.company.id, async (tx) => {
      await next({ tx, companyId: a.company.id, actor: { type: "SYSTEM" } }, "account");
      throw new Error("rollback");
    }),
  ).rejects.toThrow("rollback");
  expect(await take(a.company.id)).toBe(21);
});
