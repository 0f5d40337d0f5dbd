import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { applyRetention } from "./apply-retention";

// The nightly retention function: one step per company, each company by its own settings; a
// second run deletes nothing more. (The deletes themselves: server/modules/retention/retention.test.ts.)
it("deletes sent e-mail past each company's retention, shows the run on the settings page, and is idempotent", async () => {
  const seedOutbox = async (companyId: string) =>
    withTenant(companyId, async (tx) => {
      for (const days of [3, 45])
        await tx.outboundEmail.create({
          data: {
            id: newId(),
            companyId,
            to: "amina@customer.test",
            subject: `Sent ${days} days ago`,
            html: "",
            text: "",
            provider: "log",
            createdAt: new Date(Date.now() - days * 86_400_000),
          },
        });
    });
  const short = await makeCompany("keep-month");
  const forever = await makeCompany("keep-all");
  const admin = await callerAs(short.company, (await makeUser(short.company.id, "SUPER_ADMIN")).id);
  await admin.retention.save({ radiusSessionDays: 365, usageDays: 730, auditDays: 2555, outboxDays: 30 });
  const other = await callerAs(forever.company, (await makeUser(forever.company.id, "SUPER_ADMIN")).id);
  await other.retention.save({ radiusSessionDays: null, usageDays: null, auditDays: null, outboxDays: null });
  await seedOutbox(short.company.id);
  await seedOutbox(forever.company.id);

  const nothing = { radiusSessions: 0, usageDays: 0, auditEntries: 0, sentEmails: 0, idempotencyKeys: 0 };
  const first = await new InngestTestEngine({ function: applyRetention }).execute();
  expect(first.result).toEqual({
    [short.company.id]: { ...nothing, sentEmails: 1 },
    [forever.company.id]: nothing,
  });
  const second = await new InngestTestEngine({ function: applyRetention }).execute();
  expect(second.result).toEqual({ [short.company.id]: nothing, [forever.company.id]: nothing });

  const subjects = (companyId: string) =>
    withTenant(companyId, async (tx) =>
      (await tx.outboundEmail.findMany({ where: { to: "amina@customer.test" }, orderBy: { createdAt: "desc" } })).map(
        (m) => m.subject,
      ),
    );
  expect(await subjects(short.company.id)).toEqual(["Sent 3 days ago"]);
  expect(await subjects(forever.company.id)).toEqual(["Sent 3 days ago", "Sent 45 days ago"]);
  expect((await admin.retention.get()).lastRun).toMatchObject({ deleted: nothing });
});
