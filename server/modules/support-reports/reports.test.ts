import { beforeAll, describe, expect, it } from "vitest";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { makeCategory, makeTicket } from "../sla/testing";

// Support reports over one week, 5–11 Jan 2026, in America/New_York (EST, UTC−5): tickets are
// written directly with the times that matter.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let manager: Caller;
let empty: Caller;
let ids: Record<string, string>;
const at = (iso: string) => new Date(iso);
const FAR = at("2099-01-01T00:00:00Z");
const week = { from: "2026-01-05", to: "2026-01-11" };

beforeAll(async () => {
  const { company } = await makeCompany("reports-isp");
  const companyId = company.id;
  const tess = await makeUser(companyId, "TECHNICAL_SUPPORT", { name: "Tess Tech" });
  const fred = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Fred Field" });
  manager = await callerAs(company, (await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER")).id);
  const connectivity = (await makeCategory(companyId, "Connectivity")).id;
  const billing = (await makeCategory(companyId, "Billing inquiry", "BILLING")).id;

  // 1. High, answered and resolved in time, rated 5.
  const t1 = await makeTicket(companyId, {
    priority: "HIGH",
    createdAt: at("2026-01-05T14:00:00Z"),
    categoryId: connectivity,
    assigneeId: tess.id,
    status: "RESOLVED",
    extra: {
      firstRespondedAt: at("2026-01-05T14:30:00Z"),
      resolvedAt: at("2026-01-05T16:00:00Z"),
      csatRating: 5,
      csatComment: "Great, fixed fast",
      csatAt: at("2026-01-06T12:00:00Z"),
    },
  });
  // 2. High, answered late, resolved late after a reopen, rated 2.
  const t2 = await makeTicket(companyId, {
    priority: "HIGH",
    createdAt: at("2026-01-05T15:00:00Z"),
    categoryId: connectivity,
    assigneeId: tess.id,
    status: "CLOSED",
    extra: {
      firstRespondedAt: at("2026-01-05T18:00:00Z"),
      resolvedAt: at("2026-01-06T11:00:00Z"),
      resolutionBreached: true,
      reopenCount: 1,
      csatRating: 2,
      csatComment: "Slow",
      csatAt: at("2026-01-07T12:00:00Z"),
    },
  });
  // 3. Medium, never answered, long overdue.
  await makeTicket(companyId, { priority: "MEDIUM", createdAt: at("2026-01-06T14:00:00Z"), categoryId: billing });
  // 4. Low, answered in time, still being worked on (resolution clock running).
  await makeTicket(companyId, {
    priority: "LOW",
    createdAt: at("2026-01-07T14:00:00Z"),
    categoryId: billing,
    assigneeId: fred.id,
    status: "IN_PROGRESS",
    extra: { firstRespondedAt: at("2026-01-07T15:00:00Z"), resolutionDueAt: FAR },
  });
  // 5. Low, Sunday 11 Jan 22:00 local (Monday in UTC): in the week; both clocks running.
  await makeTicket(companyId, {
    priority: "LOW",
    createdAt: at("2026-01-12T03:00:00Z"),
    categoryId: billing,
    extra: { responseDueAt: FAR, resolutionDueAt: FAR },
  });
  // Outside the cohort: Sunday 4 Jan 23:00 local; created before but resolved in the week; a merged duplicate.
  await makeTicket(companyId, { priority: "HIGH", createdAt: at("2026-01-05T04:00:00Z"), categoryId: connectivity });
  await makeTicket(companyId, {
    priority: "LOW",
    createdAt: at("2025-12-30T14:00:00Z"),
    categoryId: billing,
    assigneeId: fred.id,
    status: "RESOLVED",
    extra: { firstRespondedAt: at("2025-12-30T15:00:00Z"), resolvedAt: at("2026-01-06T15:00:00Z") },
  });
  await makeTicket(companyId, {
    priority: "HIGH",
    createdAt: at("2026-01-06T14:00:00Z"),
    categoryId: connectivity,
    extra: { mergedIntoId: t1.id },
  });
  ids = { tess: tess.id, fred: fred.id, t1: t1.id, t2: t2.id };

  // Another company's ticket in the same week must not count.
  const other = await makeCompany("reports-other");
  await makeTicket(other.company.id, { priority: "HIGH", createdAt: at("2026-01-06T14:00:00Z") });
  empty = await callerAs(other.company, (await makeUser(other.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});

describe("support overview", () => {
  it("SLA compliance overall, by priority and by category, for tickets created in the range (company's zone)", async () => {
    const r = await manager.supportReports.overview(week);
    expect(r.range).toEqual({ ...week, timeZone: "America/New_York" });
    expect(r.compliance.overall).toMatchObject({
      tickets: 5,
      responseMet: 2,
      responseBreached: 2,
      responsePct: 50,
      resolutionMet: 1,
      resolutionBreached: 2,
      resolutionPct: 33.3,
    });
    expect(r.compliance.byPriority.map((p) => [p.key, p.tickets, p.responsePct, p.resolutionPct])).toEqual([
      ["CRITICAL", 0, null, null],
      ["HIGH", 2, 50, 50],
      ["MEDIUM", 1, 0, 0],
      ["LOW", 2, 100, null],
    ]);
    expect(r.compliance.byCategory.map((c) => [c.label, c.tickets, c.responsePct, c.resolutionPct])).toEqual([
      ["Billing inquiry", 3, 50, 0],
      ["Connectivity", 2, 50, 50],
    ]);
  });

  it("first-response and resolution times (median and average), reopen rate and daily volume", async () => {
    const r = await manager.supportReports.overview(week);
    expect(r.performance).toEqual({
      tickets: 5,
      firstResponse: { medianSec: 3600, avgSec: 5400, count: 3 },
      resolution: { medianSec: 39_600, avgSec: 39_600, count: 2 },
      reopen: { reopened: 1, resolved: 2, ratePct: 50 },
    });
    expect(r.perDay).toEqual([
      { day: "2026-01-05", created: 2, resolved: 1 },
      { day: "2026-01-06", created: 1, resolved: 2 },
      { day: "2026-01-07", created: 1, resolved: 0 },
      { day: "2026-01-08", created: 0, resolved: 0 },
      { day: "2026-01-09", created: 0, resolved: 0 },
      { day: "2026-01-10", created: 0, resolved: 0 },
      { day: "2026-01-11", created: 1, resolved: 0 },
    ]);
  });

  it("tickets per technician: open now and resolved in the range, with times and CSAT", async () => {
    const r = await manager.supportReports.overview(week);
    expect(
      r.technicians.map((t) => [
        t.name,
        t.roleLabel,
        t.open,
        t.resolved,
        t.inTargetPct,
        t.resolutionMedianSec,
        t.csatAverage,
        t.rated,
      ]),
    ).toEqual([
      ["Tess Tech", "Technical Support", 0, 2, 50, 39_600, 3.5, 2],
      ["Fred Field", "Field Technician", 1, 1, 100, 7 * 86_400 + 3600, null, 0],
    ]);
  });

  it("CSAT average, distribution and the latest comments", async () => {
    const { csat } = await manager.supportReports.overview(week);
    expect(csat).toMatchObject({ average: 3.5, rated: 2 });
    expect(csat.distribution.map((d) => d.count)).toEqual([0, 1, 0, 0, 1]);
    expect(csat.comments.map((c) => [c.ticketId, c.rating, c.comment, c.technician])).toEqual([
      [ids.t2, 2, "Slow", "Tess Tech"],
      [ids.t1, 5, "Great, fixed fast", "Tess Tech"],
    ]);
  });

  it("exports the per-technician table as CSV", async () => {
    const file = await manager.supportReports.technicianCsv(week);
    expect(file.filename).toBe("technicians-2026-01-05-to-2026-01-11.csv");
    expect(file.csv.split("\r\n")).toEqual([
      "Technician,Role,Open now,Resolved 2026-01-05 to 2026-01-11,Resolved within target (%),Median resolution (hours),Average resolution (hours),CSAT average,CSAT ratings",
      "Tess Tech,Technical Support,0,2,50,11.0,11.0,3.5,2",
      "Fred Field,Field Technician,1,1,100,169.0,169.0,,0",
    ]);
  });

  it("an empty range answers with zeros and nothing to divide, not errors", async () => {
    const r = await manager.supportReports.overview({ from: "2025-06-01", to: "2025-06-07" });
    expect(r.compliance.overall).toMatchObject({ tickets: 0, responsePct: null, resolutionPct: null });
    expect(r.performance).toEqual({
      tickets: 0,
      firstResponse: { medianSec: null, avgSec: null, count: 0 },
      resolution: { medianSec: null, avgSec: null, count: 0 },
      reopen: { reopened: 0, resolved: 0, ratePct: null },
    });
    // Open tickets are "now", whatever the range: Fred still has one.
    expect(r.technicians.map((t) => [t.name, t.open, t.resolved, t.inTargetPct])).toEqual([["Fred Field", 1, 0, null]]);
    expect(r.csat).toMatchObject({ average: null, rated: 0, comments: [] });
    expect(r.perDay).toHaveLength(7);
    // The other company sees only its own ticket.
    expect((await empty.supportReports.overview(week)).compliance.overall.tickets).toBe(1);
  });

  it("refuses a reversed or over-long range, and defaults to the last 30 days", async () => {
    expect((await failure(manager.supportReports.overview({ from: "2026-01-11", to: "2026-01-05" }))).fields).toEqual({
      to: "The end date must not be before the start date.",
    });
    expect((await failure(manager.supportReports.overview({ from: "2024-01-01", to: "2026-01-05" }))).fields).toEqual({
      from: "Choose at most 366 days.",
    });
    const r = await manager.supportReports.overview({});
    expect(r.perDay).toHaveLength(30);
  });
});
