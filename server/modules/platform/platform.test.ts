import { describe, expect, it } from "vitest";
import { withPlatform } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import { listCompanies, upsertOperator, verifyOperator } from "./service";

describe("platform operator", () => {
  it("lists every company and nothing else of theirs", async () => {
    await makeCompany("plat-one", "Plat One Networks");
    await makeCompany("plat-two", "Plat Two Fiber");
    const all = await listCompanies({});
    expect(all.rows.map((c) => c.slug).sort()).toEqual(["plat-one", "plat-two"]);
    const found = await listCompanies({ search: "fiber" });
    expect(found.rows.map((c) => c.name)).toEqual(["Plat Two Fiber"]);
    // The platform scope is not a company: users, audit entries and e-mail stay invisible.
    const counts = await withPlatform(async (tx) => ({
      users: await tx.user.count(),
      audit: await tx.auditEntry.count(),
    }));
    expect(counts).toEqual({ users: 0, audit: 0 });
    // …and it cannot change a company.
    await expect(withPlatform((tx) => tx.company.updateMany({ data: { name: "Hijacked" } }))).resolves.toEqual({
      count: 0,
    });
  });

  it("operators sign in with their own password", async () => {
    await upsertOperator({ email: "Ops@Example.com", name: "Ops", password: "Operator-pass-1" });
    expect(await verifyOperator("ops@example.com", "Operator-pass-1")).toMatchObject({ email: "ops@example.com" });
    expect(await verifyOperator("ops@example.com", "wrong-pass-1")).toBeNull();
    await expect(upsertOperator({ email: "x@example.com", name: "X", password: "short" })).rejects.toThrow();
  });
});
