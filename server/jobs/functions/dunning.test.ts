import { InngestTestEngine } from "@inngest/test";
import { afterAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { owingCustomer, pay } from "../../modules/dunning/testing";
import { makeCompany } from "../../test/fixtures";
import { mailsTo } from "../../test/mail";
import { consumer, runInline } from "../emit";
import { paymentPosted } from "../events";
import { consumers, handleEventsInline } from "../index";
import { dunning } from "./dunning";
import { onPaymentPosted, paymentPostedFunction } from "./payment-posted";

/** What dunning sent (the invoice itself is e-mailed on issue too). */
const dunningMails = (email: string) =>
  mailsTo(email).filter((m) => /^(Payment reminder|Your internet service)/.test(m.subject));
const statusOf = (companyId: string, id: string) =>
  withTenant(companyId, async (tx) => (await tx.subscription.findUniqueOrThrow({ where: { id } })).status);

afterAll(() => handleEventsInline());

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

  expect(dunningMails("reminded@job.test")).toHaveLength(1);
  expect(
    dunningMails("cut@job.test")
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

  // As with Inngest configured: the event goes to the function below, not to an inline handler.
  runInline([...consumers.filter((c) => c !== onPaymentPosted), consumer(paymentPosted, async () => null)]);
  await pay(company.id, cut.customerId, cut.invoice.id);
  expect(await statusOf(company.id, cut.subscriptionIds[0]!)).toBe("SUSPENDED");
  const payment = await withTenant(company.id, (tx) => tx.payment.findFirstOrThrow());

  const { result, error } = await new InngestTestEngine({ function: paymentPostedFunction }).execute({
    events: [
      {
        name: "billing/payment.posted",
        data: { companyId: company.id, paymentId: payment.id, customerId: cut.customerId },
      },
    ],
  });
  expect(error).toBeUndefined();
  expect(result).toMatchObject({ dunning: { restored: 1 } });
  expect(await statusOf(company.id, cut.subscriptionIds[0]!)).toBe("ACTIVE");
  const subjects = mailsTo("restore@job.test").map((m) => m.subject);
  expect(subjects).toContain("Your internet service is back on");
  expect(subjects.some((s) => /receipt/i.test(s))).toBe(true);
});

it("waits for a payment it cannot see yet (its transaction has not committed)", async () => {
  const { company } = await makeCompany("dunning-job-c");
  const cut = await owingCustomer(company, 30);
  const { error } = await new InngestTestEngine({ function: paymentPostedFunction }).execute({
    events: [
      {
        name: "billing/payment.posted",
        data: { companyId: company.id, paymentId: "not-yet", customerId: cut.customerId },
      },
    ],
  });
  expect(error).toMatchObject({ message: expect.stringMatching(/Payment/) });
});
