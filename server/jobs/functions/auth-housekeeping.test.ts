import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { makeCompany } from "../../test/fixtures";
import { authHousekeeping } from "./auth-housekeeping";

it("purges old sign-in records per company, audits it, and is idempotent", async () => {
  const { company, owner } = await makeCompany("house-a");
  const old = new Date(Date.now() - 60 * 86_400_000);
  await withTenant(company.id, async (tx) => {
    await tx.userSession.create({
      data: { id: newId(), companyId: company.id, userId: owner.id, kind: "WEB", expiresAt: old, createdAt: old },
    });
    await tx.userSession.create({
      data: {
        id: newId(),
        companyId: company.id,
        userId: owner.id,
        kind: "WEB",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await tx.loginAttempt.create({
      data: { id: newId(), companyId: company.id, email: "x@y.z", ip: "1.2.3.4", success: false, createdAt: old },
    });
  });
  const engine = new InngestTestEngine({ function: authHousekeeping });
  const first = await engine.execute();
  expect(first.result).toEqual({ [company.id]: { sessions: 1, loginAttempts: 1, resetTokens: 0 } });
  const second = await new InngestTestEngine({ function: authHousekeeping }).execute();
  expect(second.result).toEqual({ [company.id]: { sessions: 0, loginAttempts: 0, resetTokens: 0 } });
  const { live, entries } = await withTenant(company.id, async (tx) => ({
    live: await tx.userSession.count(),
    entries: await tx.auditEntry.count({ where: { action: "auth.housekeeping" } }),
  }));
  expect(live).toBe(1);
  expect(entries).toBe(1);
});
