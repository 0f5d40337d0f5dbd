import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { outboxOf } from "../../test/trpc";
import { leadFollowUpReminders } from "./lead-follow-up-reminders";

it("e-mails each owner their due follow-ups once a day, and nothing on a second run", async () => {
  const { company } = await makeCompany("remind-a");
  const sam = await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER", { name: "Sam Sales", email: "sam@remind.test" });
  const caller = await callerAs(company, sam.id);
  const past = new Date(Date.now() - 3_600_000);
  const due = await caller.leads.create({ name: "Due Dora", phone: "0700 100 001", ownerId: sam.id, followUpAt: past });
  await caller.leads.create({
    name: "Later Larry",
    phone: "0700 100 002",
    ownerId: sam.id,
    followUpAt: new Date(Date.now() + 86_400_000),
  });
  await caller.leads.create({ name: "Nobody's Nora", phone: "0700 100 003", followUpAt: past });
  const lost = await caller.leads.create({
    name: "Lost Lucy",
    phone: "0700 100 004",
    ownerId: sam.id,
    followUpAt: past,
  });
  await caller.leads.changeStage({ id: lost.id, stage: "LOST", lostReason: "Moved away" });

  const first = await new InngestTestEngine({ function: leadFollowUpReminders }).execute();
  expect(first.result).toEqual({ [company.id]: { owners: 1, leads: 1 } });
  const mail = (await outboxOf(company.id)).filter((m) => m.to === "sam@remind.test");
  expect(mail).toHaveLength(1);
  expect(mail[0].subject).toBe("1 lead needs your follow-up");
  expect(mail[0].text).toContain("Due Dora");
  expect(mail[0].text).toContain(`/leads/${due.id}`);
  expect(mail[0].text).not.toContain("Lost Lucy");

  const second = await new InngestTestEngine({ function: leadFollowUpReminders }).execute();
  expect(second.result).toEqual({ [company.id]: { owners: 0, leads: 1 } });
  expect((await outboxOf(company.id)).filter((m) => m.to === "sam@remind.test")).toHaveLength(1);
  const entries = await withTenant(company.id, (tx) =>
    tx.auditEntry.count({ where: { action: "lead.follow_up_reminder" } }),
  );
  expect(entries).toBe(1);
});
