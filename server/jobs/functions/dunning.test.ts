import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { markPaid } from "../../modules/billing/testing";
import { owingCustomer } from "../../modules/dunning/testing";
import { makeCompany } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { dunning, restoreOnPayment } from "./dunning";

const statusOf = (companyId: string, id: string) =>
  withTenant(companyId, async (tx) => (await tx.subscription.findUniqueOrThrow({ where: { id } })).status);

it("reminds each company's late payers once and suspends after grace, however often it runs", async () => {
  const { company } = await makeCompany("dunning-job-a");
  const reminded = await owingCustomer(company, 16, { email: "reminded@job.test" });
  const cut = await owingCustomer(company, 30, { email: "cut@job.test" });

  const first = await new InngestTestEngine({ function: dunning }).execute();
  expect(first.error).toBeUndefined();
  expect(first.result).toMatchObject({ [company.id]: { reminders: 2, suspended: 1, failures: 0 } });
  const second = await new InngestTestEngine({ function: dunning }).execute();
  expect(second.error).toBeUndefined();
  expect(second.result).toMatchObject({ [company.id]: { reminders: 0, suspended: 0, failures: 0 } });

  expect(mailsTo("reminded@job.test")).toHaveLength(1);
  expect(
    mailsTo("cut@job.test")
      .map((m) => m.subject)
      .sort(),
  ).toEqual(["Payment reminder: invoice INV-00002", "Your internet service is suspended"]);
  expect(await statusOf(company.id, reminded.subscriptionIds[0]!)).toBe("ACTIVE");
  expect(await statusOf(company.id, cut.subscriptionIds[0]!)).toBe("SUSPENDED");
});

it("restores service the moment a posted payment settles what was past grace", async () => {
  const { company } = await makeCompany("dunning-job-b");
  const cut = await owingCustomer(company, 30, { email: "restore@job.test" });
  await new InngestTestEngine({ function: dunning }).execute();
  expect(await statusOf(company.id, cut.subscriptionIds[0]!)).toBe("SUSPENDED");

  await markPaid(company.id, cut.invoice.id);
  const { result, error } = await new InngestTestEngine({ function: restoreOnPayment }).execute({
    events: [
      {
        name: "billing/payment.posted",
        data: { companyId: company.id, paymentId: "pay-1", customerId: cut.customerId },
      },
    ],
  });
  expect(error).toBeUndefined();
  expect(result).toMatchObject({ restored: 1 });
  expect(await statusOf(company.id, cut.subscriptionIds[0]!)).toBe("ACTIVE");
  expect(mailsTo("restore@job.test")[0]!.subject).toBe("Your internet service is back on");
});
