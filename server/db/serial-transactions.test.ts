import pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { makeCustomer, packageInput } from "../modules/subscriptions/testing";
import * as subscriptions from "../modules/subscriptions/service";
import * as packages from "../modules/packages/service";
import { systemActor } from "../modules/scope";
import { makeCompany } from "../test/fixtures";
import { withTenant } from "./tenant";

// pg warns (and pg@9 will refuse) when a query is sent to a client that is still running one.
// Prisma loads an include's relations concurrently; inside a transaction that is one client.

afterEach(() => vi.restoreAllMocks());

it("a read with several includes inside a transaction sends its queries one at a time", async () => {
  const { company } = await makeCompany("serial-tx");
  const customer = await makeCustomer(company.id);
  const id = await withTenant(company.id, async (tx) => {
    const scope = { tx, companyId: company.id, actor: systemActor };
    const pkg = await packages.create(scope, packageInput("PPPOE"));
    return (await subscriptions.create(scope, { customerId: customer.id, packageId: pkg.id, startDate: "2026-12-01" }))
      .subscription.id;
  });

  // Counts queries sent to a client while another of its queries is still running.
  const original = pg.Client.prototype.query;
  const running = new WeakMap<object, number>();
  let overlapping = 0;
  let queries = 0;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    queries++;
    const now = running.get(this) ?? 0;
    if (now > 0) overlapping++;
    running.set(this, now + 1);
    const done = () => running.set(this, (running.get(this) ?? 1) - 1);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  } as never);

  const sub = await withTenant(company.id, (tx) =>
    tx.subscription.findUniqueOrThrow({ where: { id }, include: { customer: true, package: true, events: true } }),
  );
  expect(sub).toMatchObject({
    customer: { id: customer.id },
    package: { code: "HOME-20" },
    events: [{ toStatus: "PENDING" }],
  });
  expect(queries).toBeGreaterThanOrEqual(4);
  expect(overlapping).toBe(0);
});
