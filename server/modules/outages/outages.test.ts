import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure, outboxOf } from "../../test/trpc";
import { seedStarterCatalogue } from "../devices/catalogue";
import { systemActor, type Scope } from "../scope";
import { makeCustomer } from "../subscriptions/testing";
import { balanceOf, topUp } from "../wallet/testing";
import { recordReachability, type Observation } from "./reachability";
import { uptimeOf } from "./uptime";

// Outages on real PostgreSQL: the poller's hold-down, the customers an outage hits (from the
// topology, those online excluded), what they are told and how often, the tickets they open,
// compensation, uptime and the SLA report.
//
//   core ── olt ─┬─ ont1: s1 (Amina, e-mail)      ── also s1b (Amina's second line)
//                ├─ ont2: s2 (Baraka, online: a live RADIUS session)
//                └─ ont3: corp (Corporate Ltd, business, 99.9% SLA)
//         └─ ap ── cpe1: s5 (Chebet)

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
let admin: Caller;
let support: Caller;
const dev: Record<string, string> = {};
const ifc: Record<string, string> = {};
const sub: Record<string, string> = {};
const cust: Record<string, string> = {};
let packageId: string;
let corpPackageId: string;

const T0 = new Date("2026-11-01T08:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const asSystem = <T>(work: (scope: Scope) => Promise<T>) =>
  withTenant(co.company.id, (tx) => work({ tx, companyId: co.company.id, actor: systemActor }));
/** One poll's observation; the customers are told once it committed (notify-outage-customers), awaited here. */
const observe = async (o: Observation) => {
  const result = await asSystem((scope) => recordReachability(scope, o));
  await settleInline();
  return result;
};

async function typeId(model: string) {
  return withTenant(co.company.id, async (tx) => (await tx.deviceType.findFirstOrThrow({ where: { model } })).id);
}

async function device(name: string, model: string) {
  const { id } = await admin.devices.create({ name, deviceTypeId: await typeId(model), serial: `SN-${name}` });
  dev[name] = id;
  for (const i of (await admin.devices.get({ id })).interfaces) ifc[`${name}.${i.name}`] = i.id;
}

async function cable(a: string, b: string) {
  await admin.devices.createLink({ kind: "FIBRE", aInterfaceId: ifc[a]!, bInterfaceId: ifc[b]! });
}

async function customer(key: string, email: string | null, business = false) {
  const c = await makeCustomer(co.company.id, { firstName: key });
  await withTenant(co.company.id, (tx) =>
    tx.customer.update({
      where: { id: c.id },
      data: business ? { email, type: "BUSINESS", businessName: `${key} Ltd` } : { email },
    }),
  );
  cust[key] = c.id;
}

async function subscription(key: string, customerKey: string, at: { cpe: string; port: string }, pkg = packageId) {
  const id = newId();
  await withTenant(co.company.id, (tx) =>
    tx.subscription.create({
      data: {
        id,
        companyId: co.company.id,
        customerId: cust[customerKey]!,
        packageId: pkg,
        startDate: new Date("2026-01-01"),
        status: "ACTIVE",
      },
    }),
  );
  await admin.devices.attachSubscription({
    subscriptionId: id,
    cpeDeviceId: dev[at.cpe],
    accessInterfaceId: ifc[at.port],
  });
  sub[key] = id;
}

const outageOf = (deviceId: string) =>
  withTenant(co.company.id, (tx) => tx.outage.findMany({ where: { deviceId }, orderBy: { number: "asc" } }));

const sentTo = async (subject: RegExp) =>
  (await outboxOf(co.company.id))
    .filter((m) => subject.test(m.subject))
    .map((m) => m.to)
    .sort();

beforeAll(async () => {
  co = await makeCompany("outage-isp", "Outage Fibre");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN", { email: "noc@out.test" })).id);
  support = await callerAs(
    co.company,
    (await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "ts@out.test" })).id,
  );
  await withTenant(co.company.id, async (tx) => {
    await seedStarterCatalogue({ tx, companyId: co.company.id, actor: systemActor });
    const base = { companyId: co.company.id, downloadKbps: 1, uploadKbps: 1, billingCycle: "MONTHLY" as const };
    packageId = (
      await tx.package.create({
        data: { ...base, id: newId(), name: "Fibre", code: "F", type: "FIBER", priceMinor: 3_000 },
      })
    ).id;
    corpPackageId = (
      await tx.package.create({
        data: {
          ...base,
          id: newId(),
          name: "Corporate",
          code: "C",
          type: "CORPORATE",
          priceMinor: 30_000,
          slaUptimeBps: 9_990,
        },
      })
    ).id;
  });
  await device("core", "CCR2004-16G-2S+");
  await device("olt", "MA5800-X7");
  await device("ap", "Rocket 5AC Prism");
  for (const n of ["ont1", "ont2", "ont3"]) await device(n, "EchoLife HG8245H");
  await device("cpe1", "LiteBeam 5AC Gen2");
  await cable("core.sfp-sfpplus1", "olt.uplink0");
  await cable("core.sfp-sfpplus2", "ap.eth0");
  await customer("Amina", "amina@out.test");
  await customer("Baraka", "baraka@out.test");
  await customer("Corporate", "noc@corporate.test", true);
  await customer("Chebet", "chebet@out.test");
  await subscription("s1", "Amina", { cpe: "ont1", port: "olt.0/1/0" });
  await subscription("s1b", "Amina", { cpe: "ont1", port: "olt.0/1/0" });
  await subscription("s2", "Baraka", { cpe: "ont2", port: "olt.0/1/0" });
  await subscription("corp", "Corporate", { cpe: "ont3", port: "olt.0/1/1" }, corpPackageId);
  await subscription("s5", "Chebet", { cpe: "cpe1", port: "ap.ath0" });
  // Baraka is online: a session started and never stopped.
  await withTenant(co.company.id, (tx) =>
    tx.radiusSession.create({
      data: {
        id: newId(),
        companyId: co.company.id,
        acctSessionId: "baraka-1",
        username: "baraka",
        subscriptionId: sub.s2,
        startedAt: minutes(-60),
        updatedAt: minutes(-5),
      },
    }),
  );
});

describe("hold-down: reachability to outages", () => {
  it("one missed poll is not an outage; the second opens one, started at the first miss", async () => {
    await observe({ deviceId: dev.olt!, up: true, at: minutes(0), latencyMs: 1.2 });
    expect(await observe({ deviceId: dev.olt!, up: false, at: minutes(5) })).toMatchObject({
      changed: true,
      misses: 1,
    });
    expect(await outageOf(dev.olt!)).toHaveLength(0);
    let board = await admin.outages.board({ q: "olt" });
    expect(board.rows[0]).toMatchObject({ name: "olt", status: "UP", misses: 1, outage: null });

    const second = await observe({ deviceId: dev.olt!, up: false, at: minutes(10) });
    expect(second).toMatchObject({ changed: true, status: "DOWN", misses: 2 });
    const [outage] = await outageOf(dev.olt!);
    expect(outage).toMatchObject({ status: "OPEN", source: "AUTOMATIC", startedAt: minutes(5) });
    board = await admin.outages.board({ q: "olt" });
    expect(board.rows[0]).toMatchObject({ status: "DOWN", outage: { id: outage!.id, label: `OUT-${outage!.number}` } });
  });

  it("the same observation twice, or an older one late, changes nothing", async () => {
    expect(await observe({ deviceId: dev.olt!, up: false, at: minutes(10) })).toEqual({ changed: false });
    expect(await observe({ deviceId: dev.olt!, up: true, at: minutes(7) })).toEqual({ changed: false });
    expect(await observe({ deviceId: dev.olt!, up: false, at: minutes(15) })).toMatchObject({ misses: 3 });
    expect(await outageOf(dev.olt!)).toHaveLength(1);
  });

  it("lists the customers behind the device, those online shown as up, not affected", async () => {
    const [o] = await outageOf(dev.olt!);
    const page = await admin.outages.get({ id: o!.id });
    expect(page.affected).toBe(3);
    expect(page.online).toBe(1);
    const state = Object.fromEntries(
      page.customers.map((c) => [Object.entries(sub).find(([, v]) => v === c.subscriptionId)![0], c.online]),
    );
    expect(state).toEqual({ s1: false, s1b: false, corp: false, s2: true });
  });

  it("tells each affected customer once (two lines, one e-mail), not the one online", async () => {
    const subject = /^Service interruption: olt is not answering/;
    expect(await sentTo(subject)).toEqual(["amina@out.test", "noc@corporate.test"]);
    const [o] = await outageOf(dev.olt!);
    const posted = await admin.outages.postUpdate({ outageId: o!.id, message: "Engineers are on site." });
    expect(posted).toMatchObject({ customers: 2 });
    await settleInline();
    expect(await sentTo(subject)).toEqual([
      "amina@out.test",
      "amina@out.test",
      "noc@corporate.test",
      "noc@corporate.test",
    ]);
    const page = await admin.outages.get({ id: o!.id });
    expect(page.timeline.map((t) => [t.kind, t.emailed, t.delivery])).toEqual([
      ["OPENED", 2, "told"],
      ["UPDATE", 2, "told"],
    ]);
  });

  it("links a ticket an affected customer opens while it is on, and not another customer's", async () => {
    const [o] = await outageOf(dev.olt!);
    const categoryId = (await support.tickets.categories.list({})).categories.find((c) => c.group === "TECHNICAL")?.id;
    const ticket = await support.tickets.create({
      customerId: cust.Amina,
      categoryId: categoryId!,
      subject: "No internet",
      description: "Nothing works since this morning.",
    });
    const other = await support.tickets.create({
      customerId: cust.Chebet,
      categoryId: categoryId!,
      subject: "Slow",
      description: "Slow in the evenings.",
    });
    await settleInline();
    const page = await support.outages.get({ id: o!.id });
    expect(page.tickets.map((t) => t.id)).toEqual([ticket.id]);
    expect(page.tickets.map((t) => t.id)).not.toContain(other.id);
  });

  it("closes when the device answers again, resolved at that time, and customers hear it", async () => {
    const back = await observe({ deviceId: dev.olt!, up: true, at: minutes(60) });
    expect(back).toMatchObject({ changed: true, status: "UP" });
    const [o] = await outageOf(dev.olt!);
    expect(o).toMatchObject({ status: "RESOLVED", resolvedAt: minutes(60), rootCause: null });
    expect(await sentTo(/^Service restored: olt is not answering/)).toEqual(["amina@out.test", "noc@corporate.test"]);
    // Staff record the root cause afterwards; a second time is refused.
    await admin.outages.resolve({ id: o!.id, rootCause: "Power supply failed" });
    expect((await failure(admin.outages.resolve({ id: o!.id, rootCause: "Again" }))).code).toBe("CONFLICT");
    expect((await admin.outages.get({ id: o!.id })).rootCause).toBe("Power supply failed");
  });
});

describe("opened by staff", () => {
  it("opens on a device, refuses a second open one on it, and resolves with the root cause", async () => {
    const opened = await admin.outages.open({ deviceId: dev.ap, title: "Sector 1 radio replaced" });
    expect(opened).toMatchObject({ affected: 1, online: 0 });
    const again = await failure(admin.outages.open({ deviceId: dev.ap, title: "Again" }));
    expect(again.code).toBe("CONFLICT");
    // The poller does not open a second one for a device already in an open outage.
    for (const at of [minutes(100), minutes(105)]) await observe({ deviceId: dev.ap!, up: false, at });
    expect(await outageOf(dev.ap!)).toHaveLength(1);
    // Nor does its recovery close staff's outage: staff resolve it.
    await observe({ deviceId: dev.ap!, up: true, at: minutes(110) });
    expect((await outageOf(dev.ap!))[0]!.status).toBe("OPEN");
    await admin.outages.resolve({ id: opened.id, rootCause: "Radio swapped", message: "Back online." });
    await settleInline();
    const page = await admin.outages.get({ id: opened.id });
    expect(page).toMatchObject({ status: "RESOLVED", rootCause: "Radio swapped" });
    expect(page.timeline.at(-1)).toMatchObject({ kind: "RESOLVED", message: "Back online.", emailed: 1 });
  });

  it("refuses bad input with a clear message and changes nothing", async () => {
    const before = (await admin.outages.list({})).total;
    const nowhere = await failure(admin.outages.open({ title: "Nowhere" }));
    expect(nowhere.fields?.deviceId).toBe("Choose the device or the site that is down.");
    expect((await failure(admin.outages.open({ deviceId: "no-such-device", title: "X" }))).code).toBe(
      "UNPROCESSABLE_CONTENT",
    );
    expect((await failure(admin.outages.postUpdate({ outageId: "nope", message: "x" }))).code).toBe("NOT_FOUND");
    expect((await admin.outages.list({})).total).toBe(before);
  });

  it("lists outages by status and finds them by device name or number", async () => {
    const open = await admin.outages.list({ status: "OPEN" });
    expect(open.rows).toHaveLength(0);
    const all = await support.outages.list({ q: "olt" });
    expect(all.rows.map((r) => r.title)).toEqual(["olt is not answering"]);
    expect((await support.outages.list({ q: `OUT-${all.rows[0]!.number}` })).rows).toHaveLength(1);
  });

  it("technical support reads outages but cannot open, update or resolve one", async () => {
    expect((await failure(support.outages.open({ deviceId: dev.core, title: "x" }))).code).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          support.outages.saveSettings({ holdDownPolls: 1, compensationMode: "NONE", compensationMinMinutes: 0 }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });
});

describe("compensation", () => {
  it("credits each affected line the days lost at its daily price, once, and not the one online", async () => {
    await admin.outages.saveSettings({ holdDownPolls: 3, compensationMode: "CREDIT", compensationMinMinutes: 60 });
    const start = minutes(1_000);
    // Hold-down of 3 now: two misses are not yet an outage.
    await observe({ deviceId: dev.olt!, up: false, at: start });
    await observe({ deviceId: dev.olt!, up: false, at: minutes(1_005) });
    expect(await outageOf(dev.olt!)).toHaveLength(1);
    await observe({ deviceId: dev.olt!, up: false, at: minutes(1_010) });
    expect(await outageOf(dev.olt!)).toHaveLength(2);
    // Back 36 hours after the first miss: two days lost.
    await observe({ deviceId: dev.olt!, up: true, at: minutes(1_000 + 36 * 60) });
    // Fibre 3,000 a month: 3,000 × 2 / 30 = 200 per line; Amina has two lines.
    expect(await balanceOf(co.company.id, cust.Amina!)).toBe(400);
    expect(await balanceOf(co.company.id, cust.Corporate!)).toBe(2_000);
    expect(await balanceOf(co.company.id, cust.Baraka!)).toBe(0);
    const second = (await outageOf(dev.olt!))[1]!;
    await admin.outages.resolve({ id: second.id, rootCause: "Fibre cut" });
    expect(await balanceOf(co.company.id, cust.Amina!)).toBe(400);
    const page = await admin.outages.get({ id: second.id });
    expect(page.customers.find((c) => c.subscriptionId === sub.s1)?.compensationMinor).toBe(200);
    expect(page.timeline.map((t) => t.kind)).toContain("COMPENSATED");
  });
});

describe("compensation in prepaid days", () => {
  it("adds the days lost to each affected prepaid line's term; a postpaid line gets nothing this way", async () => {
    await admin.outages.saveSettings({
      holdDownPolls: 2,
      compensationMode: "PREPAID_DAYS",
      compensationMinMinutes: 60,
    });
    const prepaidPackage = await withTenant(co.company.id, (tx) =>
      tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Prepaid",
          code: "P",
          type: "PPPOE",
          downloadKbps: 1,
          uploadKbps: 1,
          priceMinor: 1_500,
          prepaid: true,
        },
      }),
    );
    await subscription("pre", "Chebet", { cpe: "cpe1", port: "ap.ath0" }, prepaidPackage.id);
    const { entry } = await topUp(co.company.id, cust.Chebet!, 1_500);
    await withTenant(co.company.id, (tx) =>
      tx.prepaidTerm.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          subscriptionId: sub.pre!,
          customerId: cust.Chebet!,
          termStart: new Date("2026-11-01"),
          termEnd: new Date("2026-11-30"),
          amountMinor: 1_500,
          walletEntryId: entry.id,
        },
      }),
    );
    for (const at of [minutes(5_000), minutes(5_005)]) await observe({ deviceId: dev.ap!, up: false, at });
    // Five hours down: one day.
    await observe({ deviceId: dev.ap!, up: true, at: minutes(5_300) });
    const term = await withTenant(co.company.id, (tx) =>
      tx.prepaidTerm.findFirstOrThrow({ where: { subscriptionId: sub.pre } }),
    );
    expect(term.termEnd).toEqual(new Date("2026-12-01"));
    const outage = (await outageOf(dev.ap!)).at(-1)!;
    const page = await admin.outages.get({ id: outage.id });
    const given = Object.fromEntries(page.customers.map((c) => [c.subscriptionId, c.compensationDays]));
    expect(given).toEqual({ [sub.pre!]: 1, [sub.s5!]: null });
    expect(await balanceOf(co.company.id, cust.Chebet!)).toBe(1_500);
  });
});

describe("uptime", () => {
  const d = (s: string) => new Date(`2026-11-01T${s}:00Z`);
  it("merges overlapping outages, clips to the period, and an open one runs to now", () => {
    const period = [d("00:00"), d("10:00")] as const;
    expect(uptimeOf([], ...period, d("12:00"))).toEqual({ periodSeconds: 36_000, downSeconds: 0, uptimeBps: 10_000 });
    const overlapping = [
      { start: d("01:00"), end: d("02:00") },
      { start: d("01:30"), end: d("03:00") },
      { start: new Date("2026-10-31T23:00:00Z"), end: d("00:30") },
    ];
    // 01:00–03:00 and 00:00–00:30: 2.5 h of 10 h down.
    expect(uptimeOf(overlapping, ...period, d("12:00"))).toEqual({
      periodSeconds: 36_000,
      downSeconds: 9_000,
      uptimeBps: 7_500,
    });
    // Still open at 05:00 (now), the period so far is 5 h, down since 04:00.
    expect(uptimeOf([{ start: d("04:00"), end: null }], ...period, d("05:00"))).toEqual({
      periodSeconds: 18_000,
      downSeconds: 3_600,
      uptimeBps: 8_000,
    });
  });

  it("per device and per customer, from the outages, and the SLA report for business lines", async () => {
    const from = new Date("2026-11-01T00:00:00Z");
    const to = new Date("2026-12-01T00:00:00Z");
    const olt = await support.outages.uptime({ deviceId: dev.olt, from, to });
    // 55 minutes (first outage) + 36 hours (second).
    expect(olt).toMatchObject({ downSeconds: 55 * 60 + 36 * 3600, outages: 2 });
    const baraka = await support.outages.uptime({ customerId: cust.Baraka, from, to });
    expect(baraka).toMatchObject({ downSeconds: 0, uptimeBps: 10_000, outages: 0 });
    const amina = await support.outages.uptime({ customerId: cust.Amina, from, to });
    expect(amina.downSeconds).toBe(olt.downSeconds);
    const report = await support.outages.slaReport({ from, to });
    expect(report).toHaveLength(1);
    expect(report[0]).toMatchObject({
      subscriptionId: sub.corp,
      customerName: "Corporate Ltd",
      targetBps: 9_990,
      met: false,
      outages: 2,
    });
    // 30,000 a month × (36 h 55 min of 30 days) ≈ 1,538.
    expect(report[0]!.creditMinor).toBe(Math.round((30_000 * (55 * 60 + 36 * 3600)) / 86_400 / 30));
  });

  it("lists the devices and the lines outages took down in a period, worst first, and the SLA verdict per line", async () => {
    const period = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") };
    const oltDown = 55 * 60 + 36 * 3600;
    const apDown = 300 * 60; // minutes(5_000) to minutes(5_300)
    const devices = await support.outages.uptimeByDevice(period);
    expect(devices.rows.map((r) => [r.name, r.downSeconds, r.outages])).toEqual([
      ["olt", oltDown, 2],
      ["ap", apDown, 1],
    ]);
    expect(devices.rows[0]!.uptimeBps).toBe(Math.floor(((30 * 86_400 - oltDown) * 10_000) / (30 * 86_400)));
    const deviceCount = await withTenant(co.company.id, (tx) => tx.device.count());
    expect(devices.upThroughout).toBe(deviceCount - 2);
    expect((await support.outages.uptimeByDevice({ ...period, q: "ap" })).rows.map((r) => r.name)).toEqual(["ap"]);

    const lines = await support.outages.serviceQuality(period);
    const keyOf = (id: string) => Object.entries(sub).find(([, v]) => v === id)![0];
    // The corporate line broke its 99.9 % promise and comes first; lines without a promise have no verdict;
    // Baraka was online through the outage, so not down at all.
    expect(lines.rows[0]).toMatchObject({
      subscriptionId: sub.corp,
      targetBps: 9_990,
      met: false,
      downSeconds: oltDown,
    });
    expect(lines.rows.map((r) => [keyOf(r.subscriptionId), r.downSeconds, r.met]).slice(1)).toEqual(
      expect.arrayContaining([
        ["s1", oltDown, null],
        ["s1b", oltDown, null],
        ["s5", apDown, null],
        ["pre", apDown, null],
      ]),
    );
    expect(lines.rows).toHaveLength(5);
    expect(lines.rows.map((r) => keyOf(r.subscriptionId))).not.toContain("s2");
    // Five hours down is a better month than 37: the ap's lines come last.
    expect(
      lines.rows
        .slice(-2)
        .map((r) => keyOf(r.subscriptionId))
        .sort(),
    ).toEqual(["pre", "s5"]);
    expect(lines.belowSla).toBe(1);
    const live = await withTenant(co.company.id, (tx) =>
      tx.subscription.count({ where: { status: { in: ["ACTIVE", "SUSPENDED"] } } }),
    );
    expect(lines.upThroughout).toBe(live - 5);
    const below = await support.outages.serviceQuality({ ...period, belowSla: true });
    expect(below.rows.map((r) => r.subscriptionId)).toEqual([sub.corp]);
    expect((await failure(support.outages.serviceQuality({ from: period.to, to: period.from }))).fields).toEqual({
      to: "The period must end after it starts.",
    });
  });
});

describe("a device down behind another one that is down", () => {
  // In December, after the period the uptime tests above measure.
  const at = (n: number) => minutes(50_000 + n);
  const latestOf = async (name: string) => (await outageOf(dev[name]!)).at(-1)!;
  const told = async (kind: "Service interruption" | "Service restored", o: { number: number }) =>
    (await outboxOf(co.company.id))
      .filter((m) => m.subject.startsWith(`${kind}:`) && m.subject.endsWith(`(OUT-${o.number})`))
      .map((m) => m.to)
      .sort();

  it("is folded under the upstream device's outage, whichever stopped first, and no customer hears twice", async () => {
    // The olt stops answering first: its outage tells its customers (not Baraka, online).
    await observe({ deviceId: dev.olt!, up: false, at: at(0) });
    await observe({ deviceId: dev.olt!, up: false, at: at(5) });
    const olt = await latestOf("olt");
    expect(olt).toMatchObject({ status: "OPEN", parentId: null });
    expect(await told("Service interruption", olt)).toEqual(["amina@out.test", "noc@corporate.test"]);

    // Then the core router, upstream of it: the olt's outage is folded under the core's, which
    // tells only those the olt's did not (Chebet, behind the ap).
    await observe({ deviceId: dev.core!, up: false, at: at(5) });
    await observe({ deviceId: dev.core!, up: false, at: at(10) });
    const core = await latestOf("core");
    expect(core).toMatchObject({ status: "OPEN", parentId: null });
    expect((await latestOf("olt")).parentId).toBe(core.id);
    expect(await told("Service interruption", core)).toEqual(["chebet@out.test"]);

    // The ap, behind the core, goes down while the core is down: folded at once, tells nobody.
    await observe({ deviceId: dev.ap!, up: false, at: at(10) });
    await observe({ deviceId: dev.ap!, up: false, at: at(15) });
    const ap = await latestOf("ap");
    expect(ap).toMatchObject({ status: "OPEN", parentId: core.id });
    expect(await told("Service interruption", ap)).toEqual([]);
    const page = await admin.outages.get({ id: core.id });
    expect(page.children.map((c) => c.id).sort()).toEqual([olt.id, ap.id].sort());
    expect((await admin.outages.get({ id: ap.id })).parent).toEqual({ id: core.id, label: `OUT-${core.number}` });
    expect((await admin.outages.get({ id: ap.id })).timeline.map((t) => t.delivery)).toEqual(["not_sent"]);

    // The ap answers while the core is still down: nobody is told service is back.
    await observe({ deviceId: dev.ap!, up: true, at: at(20) });
    expect(await told("Service restored", ap)).toEqual([]);
    // The core answers, the olt is still down: only Chebet hears service is back.
    await observe({ deviceId: dev.core!, up: true, at: at(25) });
    expect(await told("Service restored", core)).toEqual(["chebet@out.test"]);
    // The olt answers last: its customers hear it now, once.
    await observe({ deviceId: dev.olt!, up: true, at: at(30) });
    expect(await told("Service restored", olt)).toEqual(["amina@out.test", "noc@corporate.test"]);
    expect(await told("Service interruption", olt)).toEqual(["amina@out.test", "noc@corporate.test"]);
  });
});
