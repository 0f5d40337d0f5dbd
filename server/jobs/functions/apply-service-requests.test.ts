import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../emit";
import * as requests from "../../modules/service-requests/service";
import { todayIn } from "../../modules/subscriptions/dates";
import { makeCustomer, packageInput } from "../../modules/subscriptions/testing";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { applyServiceRequests } from "./apply-service-requests";

const run = () => new InngestTestEngine({ function: applyServiceRequests }).execute();

/** An upgrade effective today that staff approved two days ago, so it still waits for the job. */
async function waitingUpgrade(slug: string) {
  const { company } = await makeCompany(slug);
  const manager = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
  const home20 = (await manager.packages.create(packageInput("PPPOE"))).id;
  const home50 = (
    await manager.packages.create(packageInput("PPPOE", { code: "HOME-50", name: "Home 50", priceMinor: 4_000 }))
  ).id;
  const customer = await makeCustomer(company.id);
  const today = todayIn(company.timeZone);
  const { subscription } = await manager.subscriptions.create({
    customerId: customer.id,
    packageId: home20,
    startDate: today,
  });
  await manager.subscriptions.activate({ id: subscription.id });
  const request = await manager.serviceRequests.create({
    customerId: customer.id,
    subscriptionId: subscription.id,
    kind: "UPGRADE",
    packageId: home50,
    effectiveDate: today,
  });
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  const approved = await withTenant(company.id, (tx) =>
    requests.approve(
      { tx, companyId: company.id, actor: { type: "USER", id: manager.ctx.viewer!.userId } },
      { id: request.id },
      twoDaysAgo,
    ),
  );
  expect(approved.applied).toBe(false);
  await settleInline();
  const state = () =>
    withTenant(company.id, async (tx) => ({
      packageId: (await tx.subscription.findUniqueOrThrow({ where: { id: subscription.id } })).packageId,
      appliedAt: (await tx.serviceRequest.findUniqueOrThrow({ where: { id: request.id } })).appliedAt,
      applications: await tx.auditEntry.count({ where: { action: "service_request.apply", entityId: request.id } }),
    }));
  return { company, home20, home50, state };
}

it("applies each company's due changes once, however often or concurrently it runs", async () => {
  const a = await waitingUpgrade("apply-job-a");
  const b = await waitingUpgrade("apply-job-b");
  expect(await a.state()).toEqual({ packageId: a.home20, appliedAt: null, applications: 0 });

  const first = await run();
  expect(first.error).toBeUndefined();
  expect(first.result).toEqual({
    [a.company.id]: { applied: 1, failed: 0, retrying: 0 },
    [b.company.id]: { applied: 1, failed: 0, retrying: 0 },
  });
  await settleInline();
  for (const co of [a, b])
    expect(await co.state()).toEqual({ packageId: co.home50, appliedAt: expect.any(Date), applications: 1 });

  // A second run, and two at the same moment, find nothing left to do.
  const again = await Promise.all([run(), run(), run()]);
  for (const r of again)
    expect(r.result).toEqual({
      [a.company.id]: { applied: 0, failed: 0, retrying: 0 },
      [b.company.id]: { applied: 0, failed: 0, retrying: 0 },
    });
  for (const co of [a, b]) expect((await co.state()).applications).toBe(1);
});

it("two runs racing over fresh work still apply each change exactly once", async () => {
  const c = await waitingUpgrade("apply-job-c");
  const runs = await Promise.all([run(), run()]);
  const applied = runs.map((r) => (r.result as Record<string, { applied: number }>)[c.company.id].applied);
  expect(applied.reduce((x, y) => x + y, 0)).toBe(1);
  await settleInline();
  expect(await c.state()).toEqual({ packageId: c.home50, appliedAt: expect.any(Date), applications: 1 });
});
