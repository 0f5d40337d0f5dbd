import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { todayIn } from "../../modules/subscriptions/dates";
import { activeSubscriber, makePackage, setUpBilling } from "../../modules/billing/testing";
import { makeCompany } from "../../test/fixtures";
import { settleInline } from "../emit";
import { billingRunRequested } from "../events";
import { requestRun } from "../../modules/billing/run";
import { billingRun, billingRunRequestedFn } from "./billing-run";

const run = () => new InngestTestEngine({ function: billingRun }).execute();

it("invoices each company's due subscriptions once, however often it runs", async () => {
  const { company } = await makeCompany("billing-job-a");
  await setUpBilling(company.id);
  const pkg = await makePackage(company.id);
  await activeSubscriber(company.id, pkg.id, todayIn(company.timeZone));

  const first = await run();
  expect(first.error).toBeUndefined();
  const second = await run();
  expect(second.error).toBeUndefined();
  const invoices = await withTenant(company.id, (tx) => tx.invoice.findMany());
  expect(invoices).toHaveLength(1);
  expect(invoices[0]).toMatchObject({ number: 1, status: "OPEN" });
  expect(await withTenant(company.id, (tx) => tx.billingRun.count({ where: { trigger: "SCHEDULE" } }))).toBe(1);
});

it("runs a staff 'Run now' in the background once: a second delivery of the event bills nothing", async () => {
  const { company } = await makeCompany("billing-job-now");
  await setUpBilling(company.id);
  const pkg = await makePackage(company.id);
  await activeSubscriber(company.id, pkg.id, "2026-03-01");
  const { id } = await withTenant(company.id, (tx) =>
    requestRun({ tx, companyId: company.id, actor: { type: "SYSTEM", label: "test" } }, "2026-03-01"),
  );
  await settleInline();
  const events = [{ name: billingRunRequested.name, data: { companyId: company.id, runId: id } }] as [never];
  const again = await new InngestTestEngine({ function: billingRunRequestedFn, events }).execute();
  expect(again.error).toBeUndefined();
  expect(again.result).toBeNull();
  const run = await withTenant(company.id, (tx) => tx.billingRun.findUniqueOrThrow({ where: { id } }));
  expect(run).toMatchObject({ status: "COMPLETED", trigger: "MANUAL", invoicesCreated: 1, periodsBilled: 1 });
  expect(await withTenant(company.id, (tx) => tx.invoice.count())).toBe(1);
});
