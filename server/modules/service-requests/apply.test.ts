import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { settleInline } from "../../jobs/emit";
import type { Scope } from "../scope";
import { parseDate, todayIn, toDateString } from "../subscriptions/dates";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import { applyDue } from "./apply";
import * as requests from "./service";

// Approved changes with a later effective date wait, and applyDue (the apply-service-requests job's work) applies
// them once their date has come in the company's time zone. The clock is the `now` passed in.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Kind = "UPGRADE" | "DOWNGRADE" | "RELOCATION" | "TERMINATION";

const DAY = 86_400_000;
const addDays = (date: string, n: number) => toDateString(new Date(parseDate(date).getTime() + n * DAY));
const minutes = (n: number) => n * 60_000;

/** The first instant at which it is `date` in `timeZone` (found from todayIn, so it holds across DST). */
function midnightIn(timeZone: string, date: string): Date {
  let lo = parseDate(date).getTime() - 36 * 3_600_000;
  let hi = parseDate(date).getTime() + 36 * 3_600_000;
  while (hi - lo > 1_000) {
    const mid = Math.floor((lo + hi) / 2);
    if (todayIn(timeZone, new Date(mid)) >= date) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** A company in `timeZone` with a manager and three PPPoE packages. */
async function isp(slug: string, timeZone = "America/New_York") {
  const { company } = await makeCompany(slug);
  const owner = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
  await owner.companies.update({ name: company.name, currency: "USD", timeZone, country: "US" });
  const managerUser = await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER", { email: `mina@${slug}.test` });
  const manager = await callerAs(company, managerUser.id);
  const home20 = (await owner.packages.create(packageInput("PPPOE"))).id;
  const home50 = (
    await owner.packages.create(
      packageInput("PPPOE", { code: "HOME-50", name: "Home 50", downloadKbps: 50_000, priceMinor: 4_000 }),
    )
  ).id;
  const home10 = (
    await owner.packages.create(
      packageInput("PPPOE", { code: "HOME-10", name: "Home 10", downloadKbps: 10_000, priceMinor: 1_500 }),
    )
  ).id;
  const today = () => todayIn(timeZone);
  const tx = <T>(fn: Parameters<typeof withTenant<T>>[1]) => withTenant(company.id, fn);
  const staff = (fn: (scope: Scope) => Promise<unknown>) =>
    tx((t) =>
      fn({ tx: t, companyId: company.id, actor: { type: "USER", id: managerUser.id, label: managerUser.email } }),
    );

  async function activeSubscription() {
    const customer = await makeCustomer(company.id);
    const { subscription } = await manager.subscriptions.create({
      customerId: customer.id,
      packageId: home20,
      startDate: today(),
    });
    await manager.subscriptions.activate({ id: subscription.id });
    await settleInline();
    return { customer, subscription };
  }

  /** A request on a new active subscription, approved by staff at `approvedAt` (default: now). */
  async function approved(kind: Kind, effectiveDate: string, opts: { approvedAt?: Date; note?: string } = {}) {
    const { customer, subscription } = await activeSubscription();
    const details =
      kind === "UPGRADE"
        ? { packageId: home50 }
        : kind === "DOWNGRADE"
          ? { packageId: home10 }
          : kind === "RELOCATION"
            ? { newAddress: "7 Baobab Road" }
            : {};
    const req = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind,
      effectiveDate,
      ...details,
    });
    const result = (await staff((s) =>
      requests.approve(s, { id: req.id, note: opts.note }, opts.approvedAt ?? new Date()),
    )) as Awaited<ReturnType<typeof requests.approve>>;
    return { customer, subscription, request: req, result };
  }

  const request = (id: string) => tx((t) => t.serviceRequest.findUniqueOrThrow({ where: { id } }));
  const subscription = (id: string) => manager.subscriptions.get({ id });
  const audits = (id: string) =>
    tx((t) =>
      t.auditEntry.findMany({
        where: { entityType: "ServiceRequest", entityId: id },
        orderBy: { createdAt: "asc" },
        select: { action: true, actorType: true, actorLabel: true, after: true },
      }),
    );
  return {
    company,
    owner,
    manager,
    timeZone,
    today,
    tx,
    staff,
    approved,
    activeSubscription,
    request,
    subscription,
    audits,
    pkg: { home20, home50, home10 },
  };
}

describe("on approval", () => {
  it("a change effective today (in the company's zone) is applied at once; a later one waits", async () => {
    const co = await isp("sr-now");
    const now = await co.approved("UPGRADE", co.today(), { approvedAt: new Date() });
    expect(now.result.applied).toBe(true);
    expect((await co.request(now.request.id)).appliedAt).toBeInstanceOf(Date);
    await settleInline();
    expect((await co.subscription(now.subscription.id)).packageId).toBe(co.pkg.home50);
    expect((await co.audits(now.request.id)).map((a) => a.action)).toEqual([
      "service_request.create",
      "service_request.approve",
      "service_request.apply",
    ]);

    for (const kind of ["DOWNGRADE", "RELOCATION", "TERMINATION"] as const) {
      const later = await co.approved(kind, addDays(co.today(), 1));
      expect(later.result).toMatchObject({ applied: false, request: { status: "APPROVED", appliedAt: null } });
      expect(await co.subscription(later.subscription.id)).toMatchObject({
        status: "ACTIVE",
        packageId: co.pkg.home20,
        installationAddress: null,
      });
    }
  });

  it("uses the company's date: just after midnight in Auckland it is still the day before in UTC and Los Angeles", async () => {
    const nz = await isp("sr-nz-approve", "Pacific/Auckland");
    const la = await isp("sr-la-approve", "America/Los_Angeles");
    const date = addDays(todayIn("UTC"), 5);
    const at = new Date(midnightIn("Pacific/Auckland", date).getTime() + minutes(5)); // still the day before in UTC and in LA
    expect(toDateString(at) < date).toBe(true);
    expect((await nz.approved("UPGRADE", date, { approvedAt: at })).result.applied).toBe(true);
    expect((await la.approved("UPGRADE", date, { approvedAt: at })).result.applied).toBe(false);
  });
});

describe("applyDue (the apply-service-requests job's work)", () => {
  it("applies a waiting change on its date, not before, as the system, re-provisioning like a staff change", async () => {
    const co = await isp("sr-due");
    const date = addDays(co.today(), 3);
    const up = await co.approved("UPGRADE", date);
    const move = await co.approved("RELOCATION", date);
    const end = await co.approved("TERMINATION", date, { note: "Moving abroad" });
    const midnight = midnightIn(co.timeZone, date);

    expect(await applyDue(co.company.id, new Date(midnight.getTime() - 1_000))).toEqual({
      applied: 0,
      failed: 0,
      retrying: 0,
    });
    expect((await co.subscription(up.subscription.id)).packageId).toBe(co.pkg.home20);
    expect((await co.request(up.request.id)).appliedAt).toBeNull();

    const at = new Date(midnight.getTime() + minutes(5));
    expect(await applyDue(co.company.id, at)).toEqual({ applied: 3, failed: 0, retrying: 0 });
    await settleInline();

    const upgraded = await co.subscription(up.subscription.id);
    expect(upgraded).toMatchObject({ packageId: co.pkg.home50, provisioning: "PROVISIONED" });
    expect(upgraded.events[0]).toMatchObject({
      actorLabel: "system",
      reason: `Service request upgrade approved (effective ${date})`,
    });
    const rate = await co.tx((t) =>
      t.radiusAttribute.findFirst({ where: { subscriptionId: up.subscription.id, attribute: "Mikrotik-Rate-Limit" } }),
    );
    expect(rate?.value).toBe("5000k/50000k");

    expect((await co.subscription(move.subscription.id)).installationAddress).toBe("7 Baobab Road");

    const ended = await co.subscription(end.subscription.id);
    expect(ended).toMatchObject({ status: "TERMINATED", provisioning: "DEPROVISIONED" });
    expect(ended.events[0]).toMatchObject({
      fromStatus: "ACTIVE",
      toStatus: "TERMINATED",
      actorId: null,
      actorLabel: "system",
      reason: `Termination requested (service request ${end.request.id}, effective ${date}): Moving abroad`,
    });

    for (const r of [up, move, end]) expect((await co.request(r.request.id)).appliedAt).toEqual(at);
    expect((await co.audits(up.request.id)).at(-1)).toMatchObject({
      action: "service_request.apply",
      actorType: "SYSTEM",
      actorLabel: "system",
    });
    // A day later, nothing is left to do.
    expect(await applyDue(co.company.id, new Date(at.getTime() + DAY))).toEqual({ applied: 0, failed: 0, retrying: 0 });
  });

  it("is idempotent: run again, or three at the same moment, each change happens exactly once", async () => {
    const co = await isp("sr-once");
    const date = addDays(co.today(), 2);
    const a = await co.approved("UPGRADE", date);
    const b = await co.approved("DOWNGRADE", date);
    const at = new Date(midnightIn(co.timeZone, date).getTime() + minutes(1));
    const eventsBefore = await co.tx((t) =>
      t.subscriptionEvent.count({ where: { subscriptionId: { in: [a.subscription.id, b.subscription.id] } } }),
    );

    const runs = await Promise.all([
      applyDue(co.company.id, at),
      applyDue(co.company.id, at),
      applyDue(co.company.id, at),
    ]);
    expect(runs.reduce((n, r) => n + r.applied, 0)).toBe(2);
    expect(await applyDue(co.company.id, at)).toEqual({ applied: 0, failed: 0, retrying: 0 });
    await settleInline();

    for (const r of [a, b])
      expect((await co.audits(r.request.id)).filter((e) => e.action === "service_request.apply")).toHaveLength(1);
    const eventsAfter = await co.tx((t) =>
      t.subscriptionEvent.count({ where: { subscriptionId: { in: [a.subscription.id, b.subscription.id] } } }),
    );
    expect(eventsAfter - eventsBefore).toBe(2);
    expect((await co.subscription(b.subscription.id)).packageId).toBe(co.pkg.home10);
  });

  it("time zones: around midnight UTC, Auckland's change is due and Los Angeles's is not yet", async () => {
    const nz = await isp("sr-nz", "Pacific/Auckland");
    const la = await isp("sr-la", "America/Los_Angeles");
    const date = addDays(todayIn("UTC"), 10);
    const nzReq = await nz.approved("UPGRADE", date);
    const laReq = await la.approved("UPGRADE", date);
    const run = (at: Date) =>
      Promise.all([applyDue(nz.company.id, at), applyDue(la.company.id, at)]).then(([n, l]) => [n.applied, l.applied]);
    const nzMidnight = midnightIn("Pacific/Auckland", date);
    const utcMidnight = parseDate(date);
    const laMidnight = midnightIn("America/Los_Angeles", date);
    expect(nzMidnight < utcMidnight && utcMidnight < laMidnight).toBe(true);

    expect(await run(new Date(nzMidnight.getTime() - 1_000))).toEqual([0, 0]);
    expect(await run(nzMidnight)).toEqual([1, 0]);
    // Midnight UTC: the date has come in UTC but it is still the afternoon before in Los Angeles.
    expect(await run(new Date(utcMidnight.getTime() - 1))).toEqual([0, 0]);
    expect(await run(utcMidnight)).toEqual([0, 0]);
    expect(await run(new Date(laMidnight.getTime() - 1_000))).toEqual([0, 0]);
    expect(await run(laMidnight)).toEqual([0, 1]);
    await settleInline();
    expect((await nz.request(nzReq.request.id)).appliedAt).toEqual(nzMidnight);
    expect((await la.request(laReq.request.id)).appliedAt).toEqual(laMidnight);
  });

  it("a change that cannot be applied is recorded and audited, blocks nothing, and is not retried by the job", async () => {
    const co = await isp("sr-fail");
    const date = addDays(co.today(), 1);
    const gone = await co.approved("UPGRADE", date);
    const archived = await co.approved("UPGRADE", date);
    const fine = await co.approved("RELOCATION", date);
    // Meanwhile: the first subscription ends, and the target package of the second is withdrawn.
    await co.manager.subscriptions.terminate({ id: gone.subscription.id, reason: "Customer left early" });
    await co.owner.packages.archive({ id: co.pkg.home50 });
    await settleInline();

    const at = new Date(midnightIn(co.timeZone, date).getTime() + minutes(5));
    expect(await applyDue(co.company.id, at)).toEqual({ applied: 1, failed: 2, retrying: 0 });
    expect((await co.subscription(fine.subscription.id)).installationAddress).toBe("7 Baobab Road");
    expect(await co.request(gone.request.id)).toMatchObject({
      status: "APPROVED",
      appliedAt: null,
      applyError: "A terminated subscription cannot change package.",
    });
    expect(await co.request(archived.request.id)).toMatchObject({
      appliedAt: null,
      applyError: "The package Home 50 is archived and can no longer be sold.",
    });
    expect((await co.subscription(archived.subscription.id)).packageId).toBe(co.pkg.home20);
    expect((await co.audits(gone.request.id)).at(-1)).toMatchObject({
      action: "service_request.apply_failed",
      actorType: "SYSTEM",
      after: { error: "A terminated subscription cannot change package." },
    });

    // The job leaves failures to staff: a second run neither retries nor audits again.
    expect(await applyDue(co.company.id, new Date(at.getTime() + DAY))).toEqual({ applied: 0, failed: 0, retrying: 0 });
    expect((await co.audits(gone.request.id)).filter((a) => a.action === "service_request.apply_failed")).toHaveLength(
      1,
    );

    // Staff see the failures first among decided requests, with the reason.
    const list = await co.manager.serviceRequests.list({ status: "APPROVED" });
    expect(
      list.rows
        .slice(0, 2)
        .map((r) => r.id)
        .sort(),
    ).toEqual([gone.request.id, archived.request.id].sort());
    expect(list.rows[0].applyError).toBeTruthy();

    // Fixed cause: try again applies it. Unfixable: trying again says why and changes nothing; cancel ends it.
    await co.owner.packages.unarchive({ id: co.pkg.home50 });
    const retried = await co.manager.serviceRequests.retryApply({ id: archived.request.id });
    expect(retried).toMatchObject({ status: "APPROVED", applyError: null, appliedAt: expect.any(Date) });
    expect((await co.subscription(archived.subscription.id)).packageId).toBe(co.pkg.home50);
    expect(await failure(co.manager.serviceRequests.retryApply({ id: gone.request.id }))).toEqual({
      code: "CONFLICT",
      message: "A terminated subscription cannot change package.",
    });
    expect((await co.request(gone.request.id)).applyError).toBe("A terminated subscription cannot change package.");
    expect((await failure(co.manager.serviceRequests.retryApply({ id: fine.request.id }))).code).toBe("CONFLICT");
    expect(
      (await co.manager.serviceRequests.cancel({ id: gone.request.id, note: "Subscription already ended" })).status,
    ).toBe("CANCELLED");
    await settleInline();

    // The customer's timeline shows both outcomes.
    const timeline = await co.manager.customers.timeline({ id: archived.customer.id });
    expect(timeline.map((t) => t.action)).toEqual(
      expect.arrayContaining(["service_request.apply_failed", "service_request.applied"]),
    );
    expect(timeline.find((t) => t.action === "service_request.applied")).toMatchObject({
      actor: "mina@sr-fail.test",
      details: { kind: "UPGRADE", effectiveDate: date },
    });
    expect(timeline.find((t) => t.action === "service_request.apply_failed")).toMatchObject({
      actor: "system",
      details: { error: "The package Home 50 is archived and can no longer be sold." },
    });
  });

  it("a waiting change can be cancelled, and then never applied; an applied one cannot", async () => {
    const co = await isp("sr-cancel");
    const date = addDays(co.today(), 4);
    const end = await co.approved("TERMINATION", date);
    expect((await co.manager.serviceRequests.cancel({ id: end.request.id, note: "Customer stays" })).status).toBe(
      "CANCELLED",
    );
    expect(await applyDue(co.company.id, new Date(midnightIn(co.timeZone, date).getTime() + minutes(5)))).toMatchObject(
      { applied: 0 },
    );
    expect((await co.subscription(end.subscription.id)).status).toBe("ACTIVE");

    const now = await co.approved("RELOCATION", co.today());
    expect(await failure(co.manager.serviceRequests.cancel({ id: now.request.id }))).toEqual({
      code: "CONFLICT",
      message: "This change is already applied; request another change instead.",
    });
  });

  it("one company's run never touches another company's requests", async () => {
    const a = await isp("sr-iso-a");
    const b = await isp("sr-iso-b");
    const date = addDays(todayIn("UTC"), 6);
    const mine = await a.approved("UPGRADE", date);
    const theirs = await b.approved("UPGRADE", date);
    const snapshot = () =>
      b.tx(async (t) => ({
        requests: await t.serviceRequest.findMany({ orderBy: { id: "asc" } }),
        subscriptions: await t.subscription.findMany({ orderBy: { id: "asc" } }),
        audit: await t.auditEntry.count(),
      }));
    const before = await snapshot();

    const later = new Date(parseDate(date).getTime() + 2 * DAY); // due in both companies
    expect(await applyDue(a.company.id, later)).toEqual({ applied: 1, failed: 0, retrying: 0 });
    await settleInline();
    expect((await a.request(mine.request.id)).appliedAt).toEqual(later);
    expect(await snapshot()).toEqual(before);
    expect((await b.request(theirs.request.id)).appliedAt).toBeNull();
  });
});

describe("the customer portal", () => {
  it("shows when an approved change takes effect, then when it was applied; a failure only as delayed", async () => {
    const co = await isp("sr-portal");
    const date = addDays(co.today(), 2);
    const { customer, request } = await co.approved("UPGRADE", date);
    const user = await makeUser(co.company.id, "CUSTOMER", { email: "amina@sr-portal.test" });
    await co.tx((t) => t.customer.update({ where: { id: customer.id }, data: { userId: user.id } }));
    const portal: Caller = await callerAs(co.company, user.id);
    const mine = async () => (await portal.portal.overview()).requests.find((r) => r.id === request.id)!;

    expect((await mine()).apply).toEqual({ state: "waiting", on: parseDate(date) });
    await co.owner.packages.archive({ id: co.pkg.home50 });
    await applyDue(co.company.id, new Date(midnightIn(co.timeZone, date).getTime() + minutes(5)));
    const delayed = await portal.portal.overview();
    expect(delayed.requests.find((r) => r.id === request.id)!.apply).toEqual({ state: "delayed" });
    expect(JSON.stringify(delayed)).not.toContain("can no longer be sold");

    await co.owner.packages.unarchive({ id: co.pkg.home50 });
    const retried = await co.manager.serviceRequests.retryApply({ id: request.id });
    expect((await mine()).apply).toEqual({ state: "applied", at: retried.appliedAt });
    await settleInline();
  });
});
