import { InngestTestEngine } from "@inngest/test";
import { beforeAll, expect, it, vi } from "vitest";
import { withTenant } from "../../db/tenant";
import { requestSync } from "../../modules/provisioning/dispatch";
import * as subscriptions from "../../modules/subscriptions/service";
import { makeCustomer, packageInput } from "../../modules/subscriptions/testing";
import * as packages from "../../modules/packages/service";
import { systemActor } from "../../modules/scope";
import { makeCompany } from "../../test/fixtures";
import { inngest } from "../client";
import { settleInline } from "../emit";
import { subscriptionChanged } from "../events";
import { provisionSubscription } from "./provision-subscription";

let companyId: string;
let subscriptionId: string;

beforeAll(async () => {
  companyId = (await makeCompany("prov-job")).company.id;
  const customer = await makeCustomer(companyId);
  ({ subscriptionId } = await withTenant(companyId, async (tx) => {
    const scope = { tx, companyId, actor: systemActor };
    const pkg = await packages.create(scope, packageInput("FIBER", { sessionTimeoutMinutes: 60 }));
    const created = await subscriptions.create(scope, {
      customerId: customer.id,
      packageId: pkg.id,
      startDate: "2026-12-01",
    });
    return { subscriptionId: created.subscription.id };
  }));
});

const runJob = () =>
  new InngestTestEngine({
    function: provisionSubscription,
    events: [{ name: subscriptionChanged.name, data: { companyId, subscriptionId } }],
  }).execute();
const state = () =>
  withTenant(companyId, async (tx) => ({
    sub: await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } }),
    rows: (await tx.radiusAttribute.findMany({ where: { subscriptionId }, orderBy: { attribute: "asc" } })).map(
      (r) => `${r.kind} ${r.attribute} ${r.op} ${r.value}`,
    ),
    audits: await tx.auditEntry.findMany({
      where: { entityId: subscriptionId, actorType: "SYSTEM" },
      select: { action: true },
    }),
  }));

it("applies the subscription's current state to RADIUS, records the outcome, and is idempotent", async () => {
  await withTenant(companyId, (tx) =>
    tx.subscription.update({ where: { id: subscriptionId }, data: { status: "ACTIVE", provisioning: "IN_PROGRESS" } }),
  );
  const first = await runJob();
  expect(first.error).toBeUndefined();
  expect(first.result).toEqual({ subscriptionId, status: "ACTIVE", provisioning: "PROVISIONED", attributes: 2 });
  const once = await state();
  expect(once.sub.provisioning).toBe("PROVISIONED");
  expect(once.rows).toEqual(["reply Mikrotik-Rate-Limit := 50000k/100000k", "reply Session-Timeout := 3600"]);
  expect(once.audits.map((a) => a.action)).toContain("subscription.provisioned");

  // A duplicate event (or a retry) ends in the same place.
  await runJob();
  expect((await state()).rows).toEqual(once.rows);

  // After suspension the same function writes the reject.
  await withTenant(companyId, (tx) =>
    tx.subscription.update({ where: { id: subscriptionId }, data: { status: "SUSPENDED" } }),
  );
  expect((await runJob()).result).toMatchObject({ provisioning: "DEPROVISIONED", attributes: 1 });
  expect((await state()).rows).toEqual(["check Auth-Type := Reject"]);
});

it("a failing run records FAILED with the error and throws, so Inngest retries it", async () => {
  await withTenant(companyId, (tx) =>
    tx.subscription.update({ where: { id: subscriptionId }, data: { status: "ACTIVE", pppoePassword: "v1.x.y.z" } }),
  );
  const run = await runJob();
  expect(run.error).toBeTruthy();
  const after = await state();
  expect(after.sub.provisioning).toBe("FAILED");
  expect(after.sub.provisioningError).toBeTruthy();
  expect(after.audits.map((a) => a.action)).toContain("subscription.provisioning_failed");
  await settleInline();
});

it("with Inngest configured, a change sends the event instead of provisioning inline", async () => {
  const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["evt"] } as never);
  process.env.INNGEST_DEV = "1";
  try {
    await withTenant(companyId, (tx) => requestSync({ tx, companyId, actor: systemActor }, subscriptionId));
    await settleInline();
    expect(send).toHaveBeenCalledWith({ name: subscriptionChanged.name, data: { companyId, subscriptionId } });
    // Nobody provisioned inline: the subscription waits for the function.
    expect((await state()).sub.provisioning).toBe("IN_PROGRESS");
  } finally {
    delete process.env.INNGEST_DEV;
    send.mockRestore();
  }
});
