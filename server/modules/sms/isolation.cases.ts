import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { settleInline } from "../../jobs/emit";
import { fixture, isolationCases } from "../../test/isolation";
import { atAccepted, fakeSmsProvider, useProviderUrls } from "./testing";

// Tenant isolation of SMS: settings, templates and the log.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's account, wording and one logged message; A's own account (at a local fake provider) and message. */
export const smsFixture = fixture(async (w) => {
  const fake = await fakeSmsProvider((req) => ({ status: 201, body: atAccepted(req.form.to, "ATXid_alpha") }));
  useProviderUrls({ africasTalking: fake.url, twilio: fake.url });
  const settings = (companyId: string, account: string, senderId: string) =>
    withTenant(companyId, (tx) =>
      tx.smsSettings.create({
        data: { companyId, provider: "AFRICAS_TALKING", account, senderId, secretSealed: seal(`${account}-key`) },
      }),
    );
  const message = (companyId: string, to: string, body: string) =>
    withTenant(companyId, (tx) =>
      tx.smsMessage.create({
        data: {
          id: newId(),
          companyId,
          idempotencyKey: `test:${newId()}`,
          to,
          body,
          segments: 1,
          provider: "AFRICAS_TALKING",
          status: "SENT",
          providerMessageId: `ATXid_${companyId}`,
        },
      }),
    );
  await settings(w.B.company.id, "bravo-isolation", "BRAVOSMS");
  await withTenant(w.B.company.id, (tx) =>
    tx.smsTemplate.create({
      data: { id: newId(), companyId: w.B.company.id, key: "INVOICE_ISSUED", body: "Bravo wording {{amount}}" },
    }),
  );
  const bMessage = await message(w.B.company.id, "+254799000111", "Bravo secret reminder");
  await settings(w.A.company.id, "alpha-isolation", "ALPHASMS");
  await message(w.A.company.id, "+254711000222", "Alpha reminder");
  return { fake, bMessageId: bMessage.id };
});

export default isolationCases({
  setup: smsFixture,
  snapshotB: async (tx) => ({
    smsSettings: await tx.smsSettings.findMany(),
    smsTemplates: await tx.smsTemplate.findMany({ orderBy: { id: "asc" } }),
    smsMessages: (await tx.smsMessage.findMany({ orderBy: { id: "asc" } })).map((m) => ({
      ...m,
      costMicros: m.costMicros?.toString() ?? null,
    })),
  }),
  idsOfB: async (tx) => [
    ...(await tx.smsMessage.findMany()).flatMap((m) => [m.id, m.to, m.body]),
    ...(await tx.smsSettings.findMany()).flatMap((s) => [s.account, s.senderId]),
    "Bravo wording",
  ],
  procedures: {
    "sms.settings.get": async (w) => {
      const mine = await w.aAdmin.sms.settings.get();
      expect(mine).toMatchObject({ enabled: true, account: "alpha-isolation" });
      await w.expectNoneOfB(mine);
    },
    "sms.settings.save": async (w) => {
      const saved = await w.aAdmin.sms.settings.save({
        provider: "AFRICAS_TALKING",
        account: "alpha-isolation",
        secret: "",
        senderId: "ALPHASMS",
      });
      expect(saved.senderId).toBe("ALPHASMS");
      await w.expectNoneOfB(saved);
    },
    "sms.settings.switchOff": async (w) => {
      expect(await w.aAdmin.sms.settings.switchOff()).toMatchObject({ enabled: false });
      // On again for the cases that follow (B's row is compared by the snapshot).
      await w.aAdmin.sms.settings.save({
        provider: "AFRICAS_TALKING",
        account: "alpha-isolation",
        secret: "alpha-isolation-key",
        senderId: "ALPHASMS",
      });
    },
    "sms.settings.sendTest": async (w, f) => {
      const before = f.fake.requests.length;
      const queued = await w.aAdmin.sms.settings.sendTest({ to: "+254711000333" });
      await settleInline();
      await w.expectNoneOfB(queued);
      // Sent through A's account, never B's.
      expect(f.fake.requests.slice(before).map((r) => [r.form.username, r.form.from])).toEqual([
        ["alpha-isolation", "ALPHASMS"],
      ]);
    },
    "sms.templates.list": async (w) => {
      const list = await w.aAdmin.sms.templates.list();
      expect(list.find((t) => t.key === "INVOICE_ISSUED")?.edited).toBe(false);
      await w.expectNoneOfB(list);
    },
    "sms.templates.save": async (w) => {
      const saved = await w.aAdmin.sms.templates.save({ key: "INVOICE_ISSUED", body: "Alpha wording {{amount}}" });
      expect(saved.body).toBe("Alpha wording {{amount}}");
    },
    "sms.templates.reset": async (w) => {
      const reset = await w.aAdmin.sms.templates.reset({ key: "INVOICE_ISSUED" });
      expect(reset.edited).toBe(false);
      await w.expectNoneOfB(reset);
    },
    "sms.log.list": async (w) => {
      const page = await w.aAdmin.sms.log.list({ pageSize: 100 });
      expect(page.rows.map((m) => m.body)).toContain("Alpha reminder");
      await w.expectNoneOfB(page);
      expect((await w.aAdmin.sms.log.list({ search: "Bravo" })).total).toBe(0);
    },
    "sms.log.get": async (w, f) => {
      await expect(w.aAdmin.sms.log.get({ id: f.bMessageId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    },
    "sms.log.status": async (w) => {
      expect(await w.aAdmin.sms.log.status()).toEqual({ enabled: true });
    },
  },
});
