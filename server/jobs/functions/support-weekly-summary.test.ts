import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { outboxOf } from "../../test/trpc";
import { makeTicket } from "../../modules/sla/testing";
import { sendWeeklySummary } from "../../modules/support-reports/weekly";
import { supportWeeklySummary } from "./support-weekly-summary";

it("on Monday morning (company time) the managers get last week's summary once; other times nothing", async () => {
  const { company, owner } = await makeCompany("weekly-isp"); // America/New_York
  const manager = await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER", { email: "mgr@weekly.test" });
  const tech = await makeUser(company.id, "TECHNICAL_SUPPORT", { name: "Tess Tech" });
  await makeTicket(company.id, {
    priority: "HIGH",
    createdAt: new Date("2026-01-06T14:00:00Z"),
    assigneeId: tech.id,
    status: "RESOLVED",
    extra: {
      firstRespondedAt: new Date("2026-01-06T14:20:00Z"),
      resolvedAt: new Date("2026-01-06T16:00:00Z"),
      csatRating: 4,
      csatAt: new Date("2026-01-07T10:00:00Z"),
    },
  });

  expect(await sendWeeklySummary(company.id, new Date("2026-01-13T14:00:00Z"))).toEqual({ skipped: "not_monday" }); // Tuesday
  expect(await sendWeeklySummary(company.id, new Date("2026-01-12T11:00:00Z"))).toEqual({ skipped: "too_early" }); // Mon 06:00 EST
  expect(await sendWeeklySummary(company.id, new Date("2026-01-12T13:00:00Z"))).toEqual({
    sent: 2,
    week: "2026-01-05",
  }); // Mon 08:00 EST
  expect(await sendWeeklySummary(company.id, new Date("2026-01-12T20:00:00Z"))).toEqual({
    skipped: "already_sent",
    week: "2026-01-05",
  });

  const notes = await withTenant(company.id, (tx) =>
    tx.notification.findMany({ where: { kind: "support.weekly_summary" } }),
  );
  expect(notes.map((n) => n.userId).sort()).toEqual([owner.id, manager.id].sort());
  expect(notes[0]).toMatchObject({
    title: "Support last week (2026-01-05 to 2026-01-11): response SLA 100%",
    link: "/reports/support?from=2026-01-05&to=2026-01-11",
  });
  expect(notes[0].body).toContain("Tickets created: 1. Resolved: 1.");
  expect(notes[0].body).toContain("Satisfaction: 4.0 / 5 from 1.");
  expect(notes[0].body).toContain("Most resolved: Tess Tech (1).");
  expect(
    (await outboxOf(company.id))
      .filter((m) => m.subject.startsWith("Support last week"))
      .map((m) => m.to)
      .sort(),
  ).toEqual(["mgr@weekly.test", "owner@weekly-isp.test"]);

  // Through Inngest (today, whatever day it is) the function runs per company and never fails.
  const run = await new InngestTestEngine({ function: supportWeeklySummary }).execute();
  expect(run.error).toBeUndefined();
  expect(Object.keys(run.result as object)).toEqual([company.id]);
});
