import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure, failure } from "../../test/trpc";
import { settleInline } from "../../jobs/emit";
import { todayIn } from "../subscriptions/dates";
import { makeCustomer, packageInput } from "../subscriptions/testing";

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let manager: Caller;
let support: Caller;
const pkg = {} as Record<"home20" | "home50" | "home10" | "fibre", string>;
let today: string;

beforeAll(async () => {
  co = await makeCompany("sr-isp");
  manager = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  support = await callerAs(co.company, (await makeUser(co.company.id, "TECHNICAL_SUPPORT")).id);
  const admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  pkg.home20 = (await admin.packages.create(packageInput("PPPOE"))).id;
  pkg.home50 = (
    await admin.packages.create(
      packageInput("PPPOE", { code: "HOME-50", name: "Home 50", downloadKbps: 50_000, priceMinor: 4_000 }),
    )
  ).id;
  pkg.home10 = (
    await admin.packages.create(
      packageInput("PPPOE", { code: "HOME-10", name: "Home 10", downloadKbps: 10_000, priceMinor: 1_500 }),
    )
  ).id;
  pkg.fibre = (await admin.packages.create(packageInput("FIBER"))).id;
  today = todayIn(co.company.timeZone);
});

const tomorrow = () => new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const yesterday = () => new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

async function activeSubscription() {
  const customer = await makeCustomer(co.company.id);
  const { subscription } = await manager.subscriptions.create({
    customerId: customer.id,
    packageId: pkg.home20,
    startDate: today,
  });
  await manager.subscriptions.activate({ id: subscription.id });
  await settleInline();
  return { customer, subscription };
}

describe("creating requests", () => {
  it("checks what each kind needs", async () => {
    const { customer, subscription } = await activeSubscription();
    const base = { customerId: customer.id, subscriptionId: subscription.id, effectiveDate: today };
    expect((await failure(manager.serviceRequests.create({ ...base, kind: "UPGRADE" }))).fields).toMatchObject({
      packageId: expect.any(String),
    });
    expect((await failure(manager.serviceRequests.create({ ...base, kind: "RELOCATION" }))).fields).toMatchObject({
      newAddress: expect.any(String),
    });
    expect(
      (
        await failure(
          manager.serviceRequests.create({ customerId: customer.id, kind: "TERMINATION", effectiveDate: today }),
        )
      ).fields,
    ).toMatchObject({ subscriptionId: expect.any(String) });
    expect(
      (await failure(manager.serviceRequests.create({ ...base, kind: "UPGRADE", packageId: pkg.home20 }))).fields,
    ).toMatchObject({ packageId: "This is the current package." });
    const notUp = await failure(manager.serviceRequests.create({ ...base, kind: "UPGRADE", packageId: pkg.home10 }));
    expect(notUp.message).toBe("Home 10 does not cost more than Home 20: that is not an upgrade.");
    expect(
      (await failure(manager.serviceRequests.create({ ...base, kind: "DOWNGRADE", packageId: pkg.home50 }))).message,
    ).toMatch(/not a downgrade/);
    await expectFailure(
      manager.serviceRequests.create({ ...base, kind: "UPGRADE", packageId: pkg.fibre }),
      "UNPROCESSABLE_CONTENT",
    );
    const past = await failure(
      manager.serviceRequests.create({ ...base, kind: "UPGRADE", packageId: pkg.home50, effectiveDate: yesterday() }),
    );
    expect(past.fields).toMatchObject({ effectiveDate: `Choose ${today} or later.` });
    expect(
      await withTenant(co.company.id, (tx) => tx.serviceRequest.count({ where: { customerId: customer.id } })),
    ).toBe(0);

    await manager.serviceRequests.create({ ...base, kind: "UPGRADE", packageId: pkg.home50 });
    expect((await failure(manager.serviceRequests.create({ ...base, kind: "TERMINATION" }))).code).toBe("CONFLICT");
  });
});

describe("deciding requests", () => {
  it("an upgrade effective today switches the package now and re-provisions", async () => {
    const { customer, subscription } = await activeSubscription();
    const req = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "UPGRADE",
      packageId: pkg.home50,
      effectiveDate: today,
    });
    const result = await manager.serviceRequests.approve({ id: req.id, note: "Welcome to 50" });
    expect(result).toMatchObject({ applied: true, request: { status: "APPROVED", decisionNote: "Welcome to 50" } });
    await settleInline();
    const after = await manager.subscriptions.get({ id: subscription.id });
    expect(after.packageId).toBe(pkg.home50);
    expect(after.events[0]?.reason).toMatch(/upgrade approved \(effective /);
    const rate = await withTenant(co.company.id, (tx) =>
      tx.radiusAttribute.findFirst({ where: { subscriptionId: subscription.id, attribute: "Mikrotik-Rate-Limit" } }),
    );
    expect(rate?.value).toBe("5000k/50000k");
    expect((await failure(manager.serviceRequests.approve({ id: req.id }))).message).toBe(
      "This request is already approved.",
    );
  });

  it("a downgrade effective later is recorded, not applied yet", async () => {
    const { customer, subscription } = await activeSubscription();
    const req = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "DOWNGRADE",
      packageId: pkg.home10,
      effectiveDate: tomorrow(),
    });
    expect((await manager.serviceRequests.approve({ id: req.id })).applied).toBe(false);
    expect((await manager.subscriptions.get({ id: subscription.id })).packageId).toBe(pkg.home20);
  });

  it("relocation moves the installation address; termination terminates through the state machine", async () => {
    const { customer, subscription } = await activeSubscription();
    const move = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "RELOCATION",
      newAddress: "7 Baobab Road",
      effectiveDate: today,
    });
    await manager.serviceRequests.approve({ id: move.id });
    expect((await manager.subscriptions.get({ id: subscription.id })).installationAddress).toBe("7 Baobab Road");

    const end = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "TERMINATION",
      effectiveDate: today,
      note: "Moving abroad",
    });
    await manager.serviceRequests.approve({ id: end.id });
    await settleInline();
    const after = await manager.subscriptions.get({ id: subscription.id });
    expect(after).toMatchObject({ status: "TERMINATED", provisioning: "DEPROVISIONED" });
    expect(after.events[0]).toMatchObject({ fromStatus: "ACTIVE", toStatus: "TERMINATED" });
  });

  it("new service creates a PENDING subscription for the requested package", async () => {
    const customer = await makeCustomer(co.company.id, { serviceAddress: "3 Acacia Close" });
    const req = await support.serviceRequests.create({
      customerId: customer.id,
      kind: "NEW_SERVICE",
      packageId: pkg.fibre,
      effectiveDate: tomorrow(),
    });
    expect((await failure(support.serviceRequests.approve({ id: req.id }))).code).toBe("FORBIDDEN");
    const result = await manager.serviceRequests.approve({ id: req.id });
    expect(result.pppoePassword).toMatch(/^[A-Za-z0-9]{12}$/);
    const sub = await manager.subscriptions.get({ id: result.request.subscriptionId! });
    expect(sub).toMatchObject({
      status: "PENDING",
      packageId: pkg.fibre,
      customerId: customer.id,
      installationAddress: "3 Acacia Close",
    });
  });

  it("reject needs a reason; cancel and reject change nothing else; the queue shows pending first", async () => {
    const { customer, subscription } = await activeSubscription();
    const req = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "UPGRADE",
      packageId: pkg.home50,
      effectiveDate: today,
    });
    expect((await failure(manager.serviceRequests.reject({ id: req.id, note: "" }))).fields).toMatchObject({
      note: expect.any(String),
    });
    const rejected = await manager.serviceRequests.reject({ id: req.id, note: "No coverage for 50 Mbps yet" });
    expect(rejected).toMatchObject({ status: "REJECTED", decisionNote: "No coverage for 50 Mbps yet" });
    expect((await manager.subscriptions.get({ id: subscription.id })).packageId).toBe(pkg.home20);

    const again = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "UPGRADE",
      packageId: pkg.home50,
      effectiveDate: today,
    });
    expect((await manager.serviceRequests.cancel({ id: again.id })).status).toBe("CANCELLED");
    const pending = await manager.serviceRequests.create({
      customerId: customer.id,
      subscriptionId: subscription.id,
      kind: "RELOCATION",
      newAddress: "1 New St",
      effectiveDate: today,
    });

    const queue = await manager.serviceRequests.list({ customerId: customer.id });
    // Created last, yet first: the queue puts pending requests on top.
    expect(queue.rows.map((r) => r.id)[0]).toBe(pending.id);
    expect(queue.rows.map((r) => r.status).sort()).toEqual(["CANCELLED", "PENDING", "REJECTED"]);
    expect(
      (await manager.serviceRequests.list({ status: "REJECTED", customerId: customer.id })).rows.map((r) => r.id),
    ).toEqual([req.id]);
    const actions = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({
        where: { entityType: "ServiceRequest", entityId: { in: [req.id, again.id] } },
        select: { action: true },
      }),
    );
    expect(actions.map((a) => a.action).sort()).toEqual([
      "service_request.cancel",
      "service_request.create",
      "service_request.create",
      "service_request.reject",
    ]);
  });
});

it("an empty package choice from a form means none (relocation)", async () => {
  const { customer, subscription } = await activeSubscription();
  const req = await manager.serviceRequests.create({
    customerId: customer.id,
    subscriptionId: subscription.id,
    kind: "RELOCATION",
    packageId: "",
    newAddress: "9 Palm Street",
    effectiveDate: tomorrow(),
  });
  expect(req).toMatchObject({ kind: "RELOCATION", packageId: null, newAddress: "9 Palm Street", status: "PENDING" });
});
