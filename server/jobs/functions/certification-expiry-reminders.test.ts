import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { sendCertificationReminders } from "../../modules/staff/reminders";
import { addDays, wallClock, zonedInstant } from "../../modules/shifts/zone";
import { makeCompany, makeUser } from "../../test/fixtures";
import { outboxOf } from "../../test/trpc";
import { certificationExpiryReminders } from "./certification-expiry-reminders";

it("tells the holder and their team lead 30 and 7 days before a certificate expires, each once", async () => {
  const { company, full } = await makeCompany("certs-a");
  const companyId = company.id;
  const today = wallClock(new Date(), full.timeZone).date;
  const grace = await makeUser(companyId, "NETWORK_ADMIN", { name: "Grace Otieno", email: "grace@certs.test" });
  const peter = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Peter Kamau", email: "peter@certs.test" });
  const cert = (name: string, expiresOn: string | null) =>
    withTenant(companyId, (tx) =>
      tx.certification.create({
        data: {
          id: newId(),
          companyId,
          userId: peter.id,
          name,
          expiresOn: expiresOn ? new Date(`${expiresOn}T00:00:00Z`) : null,
        },
      }),
    );
  await withTenant(companyId, (tx) =>
    tx.staffProfile.create({ data: { userId: peter.id, companyId, teamLeadId: grace.id } }),
  );
  const month = await cert("FOA CFOT", addDays(today, 30));
  const week = await cert("Working at heights", addDays(today, 5));
  await cert("Ubiquiti UBWA", addDays(today, 31));
  await cert("First aid", addDays(today, -1));
  await cert("Driving licence", null);

  const first = await new InngestTestEngine({ function: certificationExpiryReminders }).execute();
  expect(first.result).toEqual({ [companyId]: { reminders: 2, notifications: 4 } });
  const bell = await withTenant(companyId, (tx) =>
    tx.notification.findMany({
      orderBy: [{ userId: "asc" }, { title: "asc" }],
      select: { userId: true, kind: true, title: true, link: true },
    }),
  );
  expect(
    bell
      .filter((n) => n.userId === peter.id)
      .map((n) => n.title)
      .sort(),
  ).toEqual(["Your FOA CFOT certificate expires in 30 days", "Your Working at heights certificate expires in 5 days"]);
  expect(
    bell
      .filter((n) => n.userId === grace.id)
      .map((n) => n.title)
      .sort(),
  ).toEqual([
    "Peter Kamau's FOA CFOT certificate expires in 30 days",
    "Peter Kamau's Working at heights certificate expires in 5 days",
  ]);
  expect(new Set(bell.map((n) => `${n.kind} ${n.link}`))).toEqual(new Set([`certification_expiry /team/${peter.id}`]));
  const mail = await outboxOf(companyId);
  expect(mail.filter((m) => m.to === "peter@certs.test")).toHaveLength(2);
  expect(mail.filter((m) => m.to === "grace@certs.test")).toHaveLength(2);

  // A second run the same day (or a retried step) sends nothing.
  const second = await new InngestTestEngine({ function: certificationExpiryReminders }).execute();
  expect(second.result).toEqual({ [companyId]: { reminders: 0, notifications: 0 } });
  expect(await withTenant(companyId, (tx) => tx.notification.count())).toBe(4);

  // 23 days later FOA CFOT has 7 days left: its second reminder goes, once. Ubiquiti UBWA (8
  // days left) gets its first; Working at heights already had its 7-day reminder.
  const later = zonedInstant(addDays(today, 23), 9 * 60, full.timeZone);
  expect(await sendCertificationReminders(companyId, later)).toEqual({ reminders: 2, notifications: 4 });
  expect(await sendCertificationReminders(companyId, later)).toEqual({ reminders: 0, notifications: 0 });
  const titles = await withTenant(companyId, (tx) =>
    tx.notification.findMany({ where: { userId: peter.id }, select: { title: true } }),
  );
  expect(titles.map((n) => n.title).sort()).toEqual([
    "Your FOA CFOT certificate expires in 30 days",
    "Your FOA CFOT certificate expires in 7 days",
    "Your Ubiquiti UBWA certificate expires in 8 days",
    "Your Working at heights certificate expires in 5 days",
  ]);
  const claimed = await withTenant(companyId, (tx) =>
    tx.certification.findMany({ where: { id: { in: [month.id, week.id] } }, select: { reminderSentAt: true } }),
  );
  expect(claimed.every((c) => c.reminderSentAt)).toBe(true);
  expect(
    await withTenant(companyId, (tx) => tx.auditEntry.count({ where: { action: "staff.certification_reminder" } })),
  ).toBe(4);
});

it("two runs at the same moment send each reminder once", async () => {
  const { company, full } = await makeCompany("certs-b");
  const companyId = company.id;
  const today = wallClock(new Date(), full.timeZone).date;
  const tech = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Amina Hassan" });
  await withTenant(companyId, (tx) =>
    tx.certification.create({
      data: {
        id: newId(),
        companyId,
        userId: tech.id,
        name: "Fibre splicing",
        expiresOn: new Date(`${addDays(today, 7)}T00:00:00Z`),
      },
    }),
  );
  const results = await Promise.all([sendCertificationReminders(companyId), sendCertificationReminders(companyId)]);
  expect(results.map((r) => r.reminders).sort()).toEqual([0, 1]);
  expect(await withTenant(companyId, (tx) => tx.notification.count())).toBe(1);
});
