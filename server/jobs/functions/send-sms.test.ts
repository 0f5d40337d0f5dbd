import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "../../modules/sms/testing";
import { makeCompany } from "../../test/fixtures";
import { smsSendRequested } from "../events";
import { sendSms } from "./send-sms";

// "sms/send.requested" through the Inngest function: the message goes out once, however often
// the event arrives, through the company's own account.

let fake: Awaited<ReturnType<typeof fakeSmsProvider>>;

beforeAll(async () => {
  fake = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to, "ATXid_job") }));
  useProviderUrls({ africasTalking: fake.url });
});
afterAll(async () => {
  useProviderUrls({});
  await fake.close();
});

const run = (data: { companyId: string; messageId: string }) =>
  new InngestTestEngine({ function: sendSms, events: [{ name: smsSendRequested.name, data }] }).execute();

it("sends a queued message once; the same event again sends nothing", async () => {
  const { company } = await makeCompany("sms-job");
  const messageId = newId();
  await withTenant(company.id, async (tx) => {
    await tx.smsSettings.create({
      data: {
        companyId: company.id,
        provider: "AFRICAS_TALKING",
        account: "jobisp",
        secretSealed: seal("job-key"),
        senderId: "JOBISP",
      },
    });
    await tx.smsMessage.create({
      data: {
        id: messageId,
        companyId: company.id,
        idempotencyKey: "reminder:inv-7:due",
        to: "+254700000007",
        body: "Reminder: USD 12.00 is due on 5 Dec.",
        segments: 1,
        provider: "AFRICAS_TALKING",
      },
    });
  });
  expect((await run({ companyId: company.id, messageId })).result).toEqual({ messageId, status: "SENT", error: null });
  expect((await run({ companyId: company.id, messageId })).result).toEqual({ messageId, skipped: "already_claimed" });
  expect(fake.requests.map((r) => [r.form.username, r.form.from, r.form.to, r.form.message])).toEqual([
    ["jobisp", "JOBISP", "+254700000007", "Reminder: USD 12.00 is due on 5 Dec."],
  ]);
  const logged = await withTenant(company.id, (tx) => tx.smsMessage.findUniqueOrThrow({ where: { id: messageId } }));
  expect(logged).toMatchObject({
    status: "SENT",
    providerMessageId: "ATXid_job",
    costCurrency: "KES",
    costMicros: 800_000n,
  });
});
