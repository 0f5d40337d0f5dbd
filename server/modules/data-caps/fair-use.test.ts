import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import * as access from "../radius/access";
import { activatedBy, packageInput } from "../subscriptions/testing";
import { parseDate } from "../subscriptions/dates";
import { enforceCompany } from "./fair-use";

// Fair use per billing cycle on the real database: what RADIUS authorize answers before and
// after a subscriber's cycle usage crosses the cap (and in the next cycle), the job that changes
// the live session once per crossing and restores it, and free night-window usage.
// The company is in New York; its subscribers' monthly cycles start on the 1st.

type Company = Awaited<ReturnType<typeof makeCompany>>["company"];
type Caller = Awaited<ReturnType<typeof callerAs>>;
const MIB = 1_048_576n;
const radius = { type: "API" as const, label: "radius" };
let company: Company;
let admin: Caller;

/** A company of its own per test: the tests move the clock back and forth between cycles. */
async function fresh(slug: string) {
  ({ company } = await makeCompany(slug));
  admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
}

const MARCH = new Date("2026-03-15T15:00:00Z");
const APRIL = new Date("2026-04-02T15:00:00Z");

async function subscriber(packageId: string) {
  const subscription = await activatedBy(admin, company.id, packageId);
  return { id: subscription.id, username: subscription.pppoeUsername! };
}

/** Usage as accounting records it (UTC day). */
async function use(subscriptionId: string, day: string, mb: number) {
  await withTenant(company.id, (tx) =>
    tx.usageDaily.upsert({
      where: { subscriptionId_day: { subscriptionId, day: parseDate(day) } },
      create: { companyId: company.id, subscriptionId, day: parseDate(day), downloadBytes: BigInt(mb) * MIB },
      update: { downloadBytes: { increment: BigInt(mb) * MIB } },
    }),
  );
}

/** An open RADIUS session (Start seen, no Stop) with `mb` so far; returns a way to add more. */
async function online(sub: { id: string; username: string }, mb = 0) {
  const id = newId();
  await withTenant(company.id, (tx) =>
    tx.radiusSession.create({
      data: {
        id,
        companyId: company.id,
        acctSessionId: `s-${id}`,
        username: sub.username,
        subscriptionId: sub.id,
        startedAt: MARCH,
        updatedAt: MARCH,
        outputBytes: BigInt(mb) * MIB,
      },
    }),
  );
  return (more: number) =>
    withTenant(company.id, (tx) =>
      tx.radiusSession.update({ where: { id }, data: { outputBytes: { increment: BigInt(more) * MIB } } }),
    );
}

async function answer(username: string, now: Date) {
  const a = await access.authorize(company.id, radius, { username }, now);
  if (!a.accept) return { refused: a.message };
  const reply = Object.fromEntries(a.items.filter((i) => i.list === "reply").map((i) => [i.attribute, i.value]));
  return { reply, freshSeconds: a.freshSeconds };
}

/** The CoA / Disconnect requests recorded for a subscription's live sessions, oldest first (its CoA history). */
async function changes(subscriptionId: string) {
  const rows = await withTenant(company.id, (tx) =>
    tx.coaRequest.findMany({ where: { subscriptionId }, orderBy: [{ requestedAt: "asc" }, { id: "asc" }] }),
  );
  return rows.map((r) => ({
    action: r.kind === "COA" ? "coa" : "disconnect",
    reason: r.reason,
    attributes: r.attributes as { name: string; value: string }[],
  }));
}

const rateOf = (c: { attributes: { name: string; value: string }[] }) =>
  c.attributes.find((a) => a.name === "Mikrotik-Rate-Limit")?.value;

describe("fair use per billing cycle", () => {
  it("over the cap: the fair-use speed at login and one CoA for the live session; the next cycle restores full speed", async () => {
    await fresh("fair-use-1");
    const policy = await admin.bandwidth.policies.create({
      name: "Fair 20M",
      downloadKbps: 20_000,
      uploadKbps: 5_000,
      fupDownloadKbps: 2_000,
      fupUploadKbps: 1_000,
    });
    const pkg = await admin.packages.create(
      packageInput("PPPOE", { code: "FAIR-1G", dataCapMb: 1_024, bandwidthPolicyId: policy.id, onCap: "THROTTLE" }),
    );
    const sub = await subscriber(pkg.id);
    // Under the cap: full speed and no per-session quota; asked at every login, since the
    // answer changes as soon as the cycle's usage crosses the cap.
    expect(await answer(sub.username, MARCH)).toEqual({
      reply: {
        "Mikrotik-Rate-Limit": "5000k/20000k",
        "WISPr-Bandwidth-Max-Down": "20000000",
        "WISPr-Bandwidth-Max-Up": "5000000",
      },
      freshSeconds: 0,
    });
    await online(sub);
    await use(sub.id, "2026-03-02", 600);
    await use(sub.id, "2026-03-10", 400);
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ crossed: 0, changes: 0 });

    // Two sessions' days add up across the cycle: 1,100 MB of 1,024.
    await use(sub.id, "2026-03-12", 100);
    expect((await answer(sub.username, MARCH)).reply).toEqual({
      "Mikrotik-Rate-Limit": "1000k/2000k",
      "WISPr-Bandwidth-Max-Down": "2000000",
      "WISPr-Bandwidth-Max-Up": "1000000",
    });
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ crossed: 1, changes: 1 });
    // Once per crossing: running again (or more usage) sends nothing.
    await use(sub.id, "2026-03-13", 50);
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ crossed: 0, changes: 0 });
    const sent = await changes(sub.id);
    expect(sent.map((c) => [c.action, c.reason, rateOf(c)])).toEqual([["coa", "FAIR_USE", "1000k/2000k"]]);

    // April: a new cycle, a new allowance; the live session gets its full speed back, once.
    expect((await answer(sub.username, APRIL)).reply).toMatchObject({ "Mikrotik-Rate-Limit": "5000k/20000k" });
    expect(await enforceCompany(company.id, APRIL)).toMatchObject({ restored: 1, changes: 1 });
    expect(await enforceCompany(company.id, APRIL)).toMatchObject({ restored: 0, changes: 0 });
    expect((await changes(sub.id)).map((c) => [c.action, c.reason, rateOf(c)])).toEqual([
      ["coa", "FAIR_USE", "1000k/2000k"],
      ["coa", "RESTORE", "5000k/20000k"],
    ]);
    const state = await withTenant(company.id, (tx) => tx.fairUseState.findMany({ where: { subscriptionId: sub.id } }));
    expect(state).toEqual([
      expect.objectContaining({ overCap: false, action: "THROTTLE", usedMb: 1_100, allowanceMb: 1_024, changes: 2 }),
    ]);
  });

  it("a top-up within the cycle lifts the fair-use speed again", async () => {
    await fresh("fair-use-2");
    const pkg = await admin.packages.create(
      packageInput("PPPOE", { code: "FAIR-TOP", dataCapMb: 1_024, fupDownloadKbps: 1_000, fupUploadKbps: 500 }),
    );
    const sub = await subscriber(pkg.id);
    await online(sub);
    await use(sub.id, "2026-03-05", 1_500);
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ crossed: 1 });
    await withTenant(company.id, async (tx) => {
      const option = await tx.dataTopUpOption.create({
        data: { id: newId(), companyId: company.id, name: "1 GB", mb: 1_024, priceMinor: 100 },
      });
      await tx.dataTopUp.create({
        data: {
          id: newId(),
          companyId: company.id,
          subscriptionId: sub.id,
          optionId: option.id,
          name: "1 GB",
          mb: 1_024,
          priceMinor: 100,
          periodStart: parseDate("2026-03-01"),
          periodEnd: parseDate("2026-03-31"),
          payment: "INVOICE",
          requestKey: "fair-use-top-up",
        },
      });
    });
    expect((await answer(sub.username, MARCH)).reply).toEqual({ "Mikrotik-Rate-Limit": "5000k/20000k" });
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ restored: 1, changes: 1 });
    expect((await changes(sub.id)).map((c) => [c.action, rateOf(c)])).toEqual([
      ["coa", "500k/1000k"],
      ["coa", "5000k/20000k"],
    ]);
  });

  it("cut off or walled garden per package: refused or captive at login, the live session disconnected once", async () => {
    await fresh("fair-use-3");
    const cut = await admin.packages.create(
      packageInput("PPPOE", { code: "CUT-100", dataCapMb: 100, onCap: "DISCONNECT" }),
    );
    const garden = await admin.packages.create(
      packageInput("PPPOE", { code: "GARDEN-100", dataCapMb: 100, onCap: "CAPTIVE" }),
    );
    const a = await subscriber(cut.id);
    const b = await subscriber(garden.id);
    const c = await subscriber(cut.id);
    await online(a);
    await online(b);
    // Under the cap the session may use what is left of the cycle (the NAS ends it there).
    await use(a.id, "2026-03-03", 60);
    expect((await answer(a.username, MARCH)).reply?.["Mikrotik-Total-Limit"]).toBe(String(40n * MIB));
    for (const s of [a, b, c]) await use(s.id, "2026-03-04", 200);

    expect(await answer(a.username, MARCH)).toEqual({ refused: access.REFUSAL.dataUsedUp });
    expect(await answer(b.username, MARCH)).toEqual({
      reply: { "Mikrotik-Address-List": "lastmile-captive" },
      freshSeconds: 0,
    });
    // c is not online: its crossing is recorded, and its next login is refused by authorize alone.
    expect(await enforceCompany(company.id, MARCH)).toMatchObject({ crossed: 3, changes: 2 });
    expect((await changes(a.id)).map((x) => [x.action, x.reason])).toEqual([["disconnect", "QUOTA"]]);
    expect((await changes(b.id)).map((x) => [x.action, x.reason])).toEqual([["disconnect", "CAPTIVE"]]);
    expect(await changes(c.id)).toEqual([]);
    // The next cycle lets the captive one out of the garden (a disconnect, so it logs in again).
    expect(await enforceCompany(company.id, APRIL)).toMatchObject({ restored: 3, changes: 1 });
    expect((await changes(b.id)).map((x) => x.reason)).toEqual(["CAPTIVE", "RESTORE"]);
    expect((await answer(b.username, APRIL)).reply).toMatchObject({ "Mikrotik-Total-Limit": String(100n * MIB) });
  });

  it("usage in the policy's free night window does not count toward the cap", async () => {
    await fresh("fair-use-4");
    const policy = await admin.bandwidth.policies.create({
      name: "Night free",
      downloadKbps: 10_000,
      uploadKbps: 2_000,
      fupDownloadKbps: 1_000,
      fupUploadKbps: 500,
      freeFromHour: 1,
      freeToHour: 6,
    });
    const pkg = await admin.packages.create(
      packageInput("PPPOE", { code: "NIGHT-1G", dataCapMb: 1_024, bandwidthPolicyId: policy.id }),
    );
    const sub = await subscriber(pkg.id);
    const more = await online(sub);
    // 02:00 and 03:00 in New York (EDT): both readings inside 01:00-06:00.
    const two = new Date("2026-03-15T06:00:00Z");
    const three = new Date("2026-03-15T07:00:00Z");
    const noon = new Date("2026-03-15T16:00:00Z");
    expect(await enforceCompany(company.id, two)).toMatchObject({ freeBytes: 0 });
    await more(2_000);
    await use(sub.id, "2026-03-15", 2_000);
    expect(await enforceCompany(company.id, three)).toMatchObject({ freeBytes: Number(2_000n * MIB), crossed: 0 });
    expect((await answer(sub.username, three)).reply).toMatchObject({ "Mikrotik-Rate-Limit": "2000k/10000k" });

    // The same amount by day counts: from 03:00 to noon is not inside the window.
    await more(1_100);
    await use(sub.id, "2026-03-15", 1_100);
    expect(await enforceCompany(company.id, noon)).toMatchObject({ freeBytes: 0, crossed: 1, changes: 1 });
    expect((await answer(sub.username, noon)).reply).toMatchObject({ "Mikrotik-Rate-Limit": "500k/1000k" });
  });
});
