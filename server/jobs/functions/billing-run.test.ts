import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { todayIn } from "../../modules/subscriptions/dates";
import { activeSubscriber, makePackage, setUpBilling } from "../../modules/billing/testing";
import { makeCompany } from "../../test/fixtures";
import { billingRun } from "./billing-run";

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
