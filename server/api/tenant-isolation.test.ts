import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../auth/totp";
import { withTenant } from "../db/tenant";
import { sha256 } from "../lib/crypto";
import { newId } from "../lib/ids";
import { verifyCredentials } from "../modules/auth/credentials";
import * as sessions from "../modules/auth/sessions";
import * as radiusKeys from "../modules/radius/keys";
import * as radiusRest from "../modules/radius/rest";
import { systemActor } from "../modules/scope";
import * as storage from "../modules/storage/service";
import { makeCustomer as makeLifecycleCustomer } from "../modules/subscriptions/testing";
import { anonymousCaller, callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../test/fixtures";
import { callPath, failure, linkToken, listProcedures, outboxOf } from "../test/trpc";
import { call, hostOf } from "./rest/testing";
import { createCaller } from "./root";
import type { Context } from "./trpc";

// Two ISPs on one installation. Signed in at company A, nothing of company B may be read or
// changed, whatever id is sent. Every procedure of the router must have a case below: adding a
// procedure without adding its case here fails the first test.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;

let A: Company;
let B: Company;
let aAdmin: Caller; // A's super admin (two-factor enrolled)
let aTech: Caller; // A's network admin without two-factor, for the own-account two-factor flow
const b = {} as {
  owner: Company["owner"];
  tech: Awaited<ReturnType<typeof makeUser>>;
  techSessionId: string;
  invitationId: string;
  inviteToken: string;
  inviteEmail: string;
  resetToken: string;
};
/** Hotspot vouchers of B (and A's own package, to show A's calls work at all). */
const vb = {} as { packageId: string; batchId: string; voucherId: string; aPackageId: string };
/** Customers and leads of B, and A's own (so A's lists are not trivially empty). */
const cb = {} as { customerId: string; customerEmail: string; leadId: string; aCustomerId: string; aLeadId: string };
const hotspotPackage = (companyId: string, name: string) =>
  withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: newId(),
        companyId,
        name,
        code: newId().slice(0, 8),
        type: "HOTSPOT",
        hotspotMode: "TIME",
        validityMinutes: 60,
        billingCycle: "VALIDITY",
        priceMinor: 1000,
        downloadKbps: 2048,
        uploadKbps: 512,
      },
    }),
  );

beforeAll(async () => {
  A = await makeCompany("alpha-net");
  B = await makeCompany("bravo-net");

  // Company B: an admin who invites someone, a technician with a live session and a pending reset.
  const bAdminUser = await makeUser(B.company.id, "SUPER_ADMIN", { email: "admin@bravo.test" });
  const bAdmin = await callerAs(B.company, bAdminUser.id);
  b.owner = B.owner;
  b.tech = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { email: "tech@bravo.test" });
  b.techSessionId = (await sessions.create(B.company.id, b.tech.id, "WEB", { ip: "192.0.2.10" })).id;
  b.inviteEmail = "new-hire@bravo.test";
  b.invitationId = (await bAdmin.users.invite({ email: b.inviteEmail, name: "New Hire", role: "BILLING_ADMIN" })).id;
  await anonymousCaller(B.company).auth.passwordReset.request({ email: b.tech.email });
  const bMail = await outboxOf(B.company.id);
  b.inviteToken = linkToken(bMail.find((m) => m.to === b.inviteEmail)!.text, "invite");
  b.resetToken = linkToken(bMail.find((m) => m.to === b.tech.email)!.text, "reset-password");

  // Company A: its own admin, a technician, an invitation and some mail.
  aAdmin = await callerAs(A.company, (await makeUser(A.company.id, "SUPER_ADMIN", { email: "admin@alpha.test" })).id);
  aTech = await callerAs(
    A.company,
    (await makeUser(A.company.id, "NETWORK_ADMIN", { email: "noc@alpha.test", twoFactor: false })).id,
  );
  await aAdmin.users.invite({ email: "someone@alpha.test", name: "Someone", role: "FIELD_TECHNICIAN" });

  // Vouchers: a batch at B, and a hotspot package and batch of A's own.
  vb.packageId = (await hotspotPackage(B.company.id, "Bravo hour")).id;
  vb.batchId = (await bAdmin.vouchers.generateBatch({ packageId: vb.packageId, quantity: 3 })).id;
  vb.voucherId = (
    await withTenant(B.company.id, (tx) => tx.voucher.findFirstOrThrow({ where: { batchId: vb.batchId } }))
  ).id;
  vb.aPackageId = (await hotspotPackage(A.company.id, "Alpha hour")).id;
  await aAdmin.vouchers.generateBatch({ packageId: vb.aPackageId, quantity: 2 });

  // Customers and leads: one of each at B (with activity) and at A.
  cb.customerEmail = "subscriber@bravo.test";
  cb.customerId = (
    await bAdmin.customers.create({
      firstName: "Bravo",
      lastName: "Subscriber",
      email: cb.customerEmail,
      tags: ["bravo"],
    })
  ).id;
  cb.leadId = (
    await bAdmin.leads.create({
      name: "Bravo Prospect",
      phone: "0700 000 001",
      followUpAt: new Date(Date.now() - 60_000),
    })
  ).id;
  await bAdmin.leads.addActivity({ leadId: cb.leadId, body: "Bravo note" });
  cb.aCustomerId = (
    await aAdmin.customers.create({ firstName: "Alpha", lastName: "Subscriber", email: "subscriber@alpha.test" })
  ).id;
  cb.aLeadId = (
    await aAdmin.leads.create({
      name: "Alpha Prospect",
      phone: "0700 000 002",
      followUpAt: new Date(Date.now() - 60_000),
    })
  ).id;
});

/** Everything of company B a leak or a cross-tenant write could touch, read through B's own scope. */
async function snapshotB() {
  return withTenant(B.company.id, async (tx) => ({
    company: await tx.company.findUnique({ where: { id: B.company.id } }),
    users: await tx.user.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        status: true,
        passwordHash: true,
        totpSecret: true,
        totpEnabledAt: true,
        failedLoginCount: true,
        lockedUntil: true,
      },
    }),
    sessions: await tx.userSession.findMany({
      orderBy: { id: "asc" },
      select: { id: true, userId: true, revokedAt: true },
    }),
    invitations: await tx.invitation.findMany({
      orderBy: { id: "asc" },
      select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true },
    }),
    resetTokens: await tx.passwordResetToken.findMany({ orderBy: { id: "asc" }, select: { id: true, usedAt: true } }),
    recoveryCodes: await tx.recoveryCode.count(),
    audit: await tx.auditEntry.count(),
    outbox: await tx.outboundEmail.count(),
    voucherBatches: await tx.voucherBatch.findMany({ orderBy: { id: "asc" }, select: { id: true, quantity: true } }),
    vouchers: await tx.voucher.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, firstUsedAt: true, usedMb: true },
    }),
    customers: await tx.customer.findMany({ orderBy: { id: "asc" } }),
    leads: await tx.lead.findMany({ orderBy: { id: "asc" } }),
    leadActivities: await tx.leadActivity.count(),
    packages: await tx.package.findMany({ orderBy: { id: "asc" } }),
    subscriptions: await tx.subscription.findMany({ orderBy: { id: "asc" } }),
    subscriptionEvents: await tx.subscriptionEvent.count(),
    serviceRequests: await tx.serviceRequest.findMany({ orderBy: { id: "asc" } }),
    radiusAttributes: await tx.radiusAttribute.findMany({ orderBy: { id: "asc" } }),
    radiusServerKeys: await tx.radiusServerKey.findMany({ orderBy: { id: "asc" } }),
    radiusSessions: await tx.radiusSession.findMany({ orderBy: { id: "asc" } }),
    kbCategories: await tx.kbCategory.findMany({ orderBy: { id: "asc" } }),
    kbArticles: await tx.kbArticle.findMany({ orderBy: { id: "asc" } }),
    workOrders: await tx.workOrder.findMany({ orderBy: { id: "asc" } }),
    signalMeasurements: await tx.signalMeasurement.findMany({ orderBy: { id: "asc" } }),
    workOrderEquipment: await tx.workOrderEquipment.findMany({ orderBy: { id: "asc" } }),
    workOrderAttachments: await tx.attachment.findMany({
      where: { OR: [{ workOrderId: { not: null } }, { id: wob.pendingUploadId }] },
      orderBy: { id: "asc" },
    }),
    notifications: await tx.notification.findMany({ orderBy: { id: "asc" } }),
    slaTargets: await tx.slaTarget.findMany({ orderBy: { priority: "asc" } }),
    calendars: await tx.businessCalendar.findMany({ orderBy: { id: "asc" } }),
    holidays: await tx.holiday.findMany({ orderBy: { id: "asc" } }),
    escalationRules: await tx.escalationRule.findMany({ orderBy: { id: "asc" } }),
    staffProfiles: await tx.staffProfile.findMany({ orderBy: { userId: "asc" } }),
    skills: await tx.skill.findMany({ orderBy: { id: "asc" } }),
    staffSkills: await tx.staffSkill.findMany({ orderBy: [{ userId: "asc" }, { skillId: "asc" }] }),
    certifications: await tx.certification.findMany({ orderBy: { id: "asc" } }),
    trainingRecords: await tx.trainingRecord.findMany({ orderBy: { id: "asc" } }),
    shifts: await tx.shift.findMany({ orderBy: { id: "asc" } }),
    categorySkills: await tx.ticketCategory.findMany({ orderBy: { id: "asc" }, select: { id: true, skillId: true } }),
    tickets: await tx.ticket.findMany({ orderBy: { id: "asc" } }),
    ticketComments: await tx.ticketComment.findMany({ orderBy: { id: "asc" } }),
    ticketEvents: await tx.ticketEvent.count(),
    ticketWatchers: await tx.ticketWatcher.findMany({ orderBy: [{ ticketId: "asc" }, { userId: "asc" }] }),
    ticketAttachments: await tx.attachment.findMany({ where: { ticketId: { not: null } }, orderBy: { id: "asc" } }),
    ticketCategories: await tx.ticketCategory.findMany({ orderBy: { id: "asc" } }),
    cannedResponses: await tx.cannedResponse.findMany({ orderBy: { id: "asc" } }),
    csatRequests: await tx.csatRequest.findMany({ orderBy: { id: "asc" } }),
  }));
}

/**
 * Every id and e-mail of company B, to look for in A's answers. (The invitee's address is left
 * out: A legitimately invites the same person in the users.invite case.)
 */
async function idsOfB(): Promise<string[]> {
  const all = await withTenant(B.company.id, async (tx) => [
    B.company.id,
    B.company.slug,
    ...(await tx.user.findMany()).flatMap((u) => [u.id, u.email]),
    ...(await tx.userSession.findMany()).map((s) => s.id),
    ...(await tx.invitation.findMany()).flatMap((i) => [i.id, i.email]),
    ...(await tx.auditEntry.findMany()).map((e) => e.id),
    ...(await tx.outboundEmail.findMany()).map((m) => m.id),
    vb.packageId,
    ...(await tx.voucherBatch.findMany()).map((x) => x.id),
    ...(await tx.voucher.findMany()).flatMap((v) => [v.id, v.code]),
    ...(await tx.customer.findMany()).flatMap((c) => [c.id, c.email ?? c.id]),
    ...(await tx.lead.findMany()).map((l) => l.id),
    ...(await tx.package.findMany()).map((p) => p.id),
    ...(await tx.subscription.findMany()).map((x) => x.id),
    ...(await tx.serviceRequest.findMany()).map((r) => r.id),
    "bravo-secret",
    ...(await tx.radiusServerKey.findMany()).flatMap((k) => [k.id, k.keyPrefix]),
    ...(await tx.kbCategory.findMany()).map((c) => c.id),
    ...(await tx.kbArticle.findMany()).flatMap((a) => [a.id, a.slug]),
    ...(await tx.workOrder.findMany()).flatMap((w) => [w.id, w.address]),
    ...(await tx.signalMeasurement.findMany()).map((m) => m.id),
    ...(await tx.workOrderEquipment.findMany()).flatMap((e) => [e.id, e.serial]),
    ...(
      await tx.attachment.findMany({ where: { OR: [{ workOrderId: { not: null } }, { id: wob.pendingUploadId }] } })
    ).map((a) => a.id),
    ...(await tx.notification.findMany()).map((n) => n.id),
    ...(await tx.businessCalendar.findMany()).flatMap((c) => [c.id, c.name]),
    ...(await tx.holiday.findMany()).flatMap((h) => [h.id, h.name]),
    // Rule ids, and B's own rule's name (the default rules' names are the same at every company).
    ...(await tx.escalationRule.findMany()).map((r) => r.id),
    "Bravo special rule",
    ...(await tx.skill.findMany()).flatMap((x) => [x.id, x.name]),
    ...(await tx.certification.findMany()).flatMap((x) => [x.id, x.name]),
    ...(await tx.trainingRecord.findMany()).flatMap((x) => [x.id, x.course]),
    ...(await tx.shift.findMany()).map((x) => x.id),
    "Bravo Hills",
    ...(await tx.ticket.findMany()).flatMap((t) => [t.id, t.subject]),
    ...(await tx.ticketComment.findMany()).flatMap((c) => [c.id, c.body]),
    ...(await tx.attachment.findMany({ where: { ticketId: { not: null } } })).map((a) => a.id),
    ...(await tx.ticketCategory.findMany()).map((c) => c.id),
    ...(await tx.cannedResponse.findMany()).flatMap((r) => [r.id, r.title]),
  ]);
  return all.filter((x) => x !== b.inviteEmail);
}

async function expectNoneOfB(answer: unknown) {
  const text = JSON.stringify(answer);
  const leaked = (await idsOfB()).filter((id) => text.includes(id));
  expect(leaked, "company B's ids or e-mails in company A's answer").toEqual([]);
}

/** Packages, subscriptions (with RADIUS rows) and service requests of B, and A's own package and customer. */
const sb = {} as {
  packageId: string;
  packageCode: string;
  customerId: string;
  subscriptionId: string;
  username: string;
  requestId: string;
  aPackageId: string;
  aCustomerId: string;
};
beforeAll(async () => {
  const pppoe = (companyId: string, code: string) =>
    withTenant(companyId, (tx) =>
      tx.package.create({
        data: {
          id: newId(),
          companyId,
          name: `PPPoE ${code}`,
          code,
          type: "PPPOE",
          billingCycle: "MONTHLY",
          priceMinor: 2500,
          downloadKbps: 20_000,
          uploadKbps: 5_000,
        },
      }),
    );
  sb.packageCode = "BRAVO-20";
  sb.packageId = (await pppoe(B.company.id, sb.packageCode)).id;
  sb.customerId = (await makeLifecycleCustomer(B.company.id)).id;
  sb.username = "bravo-subscriber";
  sb.subscriptionId = newId();
  sb.requestId = newId();
  await withTenant(B.company.id, async (tx) => {
    const companyId = B.company.id;
    await tx.subscription.create({
      data: {
        id: sb.subscriptionId,
        companyId,
        customerId: sb.customerId,
        packageId: sb.packageId,
        status: "ACTIVE",
        startDate: new Date("2026-11-01"),
        pppoeUsername: sb.username,
        pppoePassword: "v1.sealed.elsewhere.x",
        provisioning: "PROVISIONED",
      },
    });
    await tx.radiusAttribute.create({
      data: {
        id: newId(),
        companyId,
        username: sb.username,
        kind: "check",
        attribute: "Cleartext-Password",
        value: "bravo-secret",
        subscriptionId: sb.subscriptionId,
      },
    });
    await tx.serviceRequest.create({
      data: {
        id: sb.requestId,
        companyId,
        customerId: sb.customerId,
        subscriptionId: sb.subscriptionId,
        kind: "TERMINATION",
        effectiveDate: new Date("2099-01-01"),
      },
    });
  });
  sb.aPackageId = (await pppoe(A.company.id, "ALPHA-20")).id;
  sb.aCustomerId = cb.aCustomerId; // A's customer from above: another one would advance A's account numbers
});

/** A's portal customer: a CUSTOMER sign-in linked to A's own customer record. */
let aCustomerPortal: Caller;
beforeAll(async () => {
  const user = await makeUser(A.company.id, "CUSTOMER", { email: "portal@alpha.test" });
  await withTenant(A.company.id, (tx) =>
    tx.customer.update({ where: { id: cb.aCustomerId }, data: { userId: user.id } }),
  );
  aCustomerPortal = await callerAs(A.company, user.id);
});

/** Notifications: one unread of B's technician, one of A's admin (so A's lists are not empty). */
const nb = {} as { notificationId: string };
beforeAll(async () => {
  const note = (companyId: string, userId: string, title: string) =>
    withTenant(companyId, (tx) =>
      tx.notification.create({ data: { id: newId(), companyId, userId, kind: "test", title, link: "/tickets/x" } }),
    );
  nb.notificationId = (await note(B.company.id, b.tech.id, "Bravo only")).id;
  await note(A.company.id, aAdmin.ctx.viewer!.userId, "Alpha note");
});

/** Support settings of B (its default calendar from registration, renamed; a holiday; a rule of its own). */
const slab = {} as { calendarId: string; holidayId: string; ruleId: string };
beforeAll(async () => {
  await withTenant(B.company.id, async (tx) => {
    const companyId = B.company.id;
    const calendar = await tx.businessCalendar.update({
      where: { id: (await tx.businessCalendar.findFirstOrThrow()).id },
      data: { name: "Bravo desk hours" },
    });
    slab.calendarId = calendar.id;
    slab.holidayId = (
      await tx.holiday.create({
        data: {
          id: newId(),
          companyId,
          calendarId: calendar.id,
          date: new Date("2026-12-26"),
          name: "Bravo Boxing Day",
        },
      })
    ).id;
    slab.ruleId = (
      await tx.escalationRule.create({
        data: { id: newId(), companyId, name: "Bravo special rule", clock: "RESPONSE", thresholdPct: 50 },
      })
    ).id;
  });
});

/** Knowledge base: B's category, a public and an internal article; A's own public article. */
const kbb = {} as {
  categoryId: string;
  publicId: string;
  publicSlug: string;
  internalId: string;
  aCategoryId: string;
  aArticleId: string;
};
beforeAll(async () => {
  const bSupport = await callerAs(B.company, (await makeUser(B.company.id, "TECHNICAL_SUPPORT")).id);
  kbb.categoryId = (await bSupport.kb.saveCategory({ name: "Bravo help" })).id;
  const pub = await bSupport.kb.create({
    title: "Bravo zebrafruit router guide",
    body: "Zebrafruit routers restart with the side button.",
    categoryId: kbb.categoryId,
    visibility: "PUBLIC",
    published: true,
  });
  kbb.publicId = pub.id;
  kbb.publicSlug = pub.slug;
  kbb.internalId = (
    await bSupport.kb.create({
      title: "Bravo zebrafruit OLT notes",
      body: "Internal zebrafruit notes for the NOC.",
      visibility: "INTERNAL",
      published: true,
    })
  ).id;
  kbb.aCategoryId = (await aAdmin.kb.saveCategory({ name: "Alpha help" })).id;
  kbb.aArticleId = (
    await aAdmin.kb.create({
      title: "Alpha router guide",
      body: "Alpha routers restart with the back button.",
      categoryId: kbb.aCategoryId,
      visibility: "PUBLIC",
      published: true,
    })
  ).id;
});

/** A RADIUS server key of B, and its secret (to present at A's address). */
const rb = {} as { keyId: string; secret: string };
beforeAll(async () => {
  const made = await withTenant(B.company.id, (tx) =>
    radiusKeys.create({ tx, companyId: B.company.id, actor: systemActor }, { name: "bravo-radius" }),
  );
  rb.keyId = made.key.id;
  rb.secret = made.secret;
});

/**
 * Field work orders: B's job on site with a reading, equipment, a photo and a pending upload of
 * B's technician; A's own job, on site with A's admin as its technician.
 */
const wob = {} as {
  workOrderId: string;
  measurementId: string;
  equipmentId: string;
  photoId: string;
  pendingUploadId: string;
  aWorkOrderId: string;
};
beforeAll(async () => {
  const bAdmin = await callerAs(B.company, (await makeUser(B.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  const bTechCaller = await callerAs(
    B.company,
    (await makeUser(B.company.id, "FIELD_TECHNICIAN", { email: "field@bravo.test" })).id,
  );
  const bTechId = bTechCaller.ctx.viewer!.userId;
  const window = { windowStart: "2026-11-25T09:00", windowEnd: "2026-11-25T11:00" };
  const job = await bAdmin.workOrders.create({
    kind: "REPAIR",
    customerId: sb.customerId,
    subscriptionId: sb.subscriptionId,
    address: "Bravo zebrafruit lane 9",
    technicianId: bTechId,
    ...window,
  });
  wob.workOrderId = job.id;
  await bTechCaller.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
  await bTechCaller.workOrders.advance({ id: job.id, status: "ON_SITE" });
  wob.measurementId = (
    await bTechCaller.workOrders.recordMeasurement({ workOrderId: job.id, kind: "OPTICAL_POWER_DBM", value: "-21.3" })
  ).id;
  wob.equipmentId = (
    await bTechCaller.workOrders.addEquipment({
      workOrderId: job.id,
      description: "Bravo ONT",
      serial: "BRAVO-SERIAL-1",
    })
  ).equipment.id;
  const file = (workOrderId: string | null, kind: "PHOTO" | "SIGNATURE") =>
    withTenant(B.company.id, (tx) =>
      tx.attachment.create({
        data: {
          id: newId(),
          companyId: B.company.id,
          kind,
          workOrderId,
          fileName: "bravo.jpg",
          contentType: "image/jpeg",
          sizeBytes: 3,
          sha256: "x",
          storageKey: `${B.company.id}/2026/11/${newId()}`,
          uploadedById: bTechId,
        },
      }),
    );
  wob.photoId = (await file(job.id, "PHOTO")).id;
  wob.pendingUploadId = (await file(null, "SIGNATURE")).id;
  const own = await aAdmin.workOrders.create({
    kind: "INSTALLATION",
    address: "Alpha road 1",
    technicianId: aAdmin.ctx.viewer!.userId,
    ...window,
  });
  wob.aWorkOrderId = own.id;
  await aAdmin.workOrders.advance({ id: own.id, status: "EN_ROUTE" });
  await aAdmin.workOrders.advance({ id: own.id, status: "ON_SITE" });
});

/**
 * Tickets of B: one with a public reply (and its file), an internal note, a watcher and an open
 * rating link; a second one; a canned response. And A's own ticket, for A's customer.
 */
const tkb = {} as {
  ticketId: string;
  otherTicketId: string;
  categoryId: string;
  cannedId: string;
  attachmentId: string;
  csatToken: string;
  aTicketId: string;
  aCategoryId: string;
};
beforeAll(async () => {
  const bDeskId = (await makeUser(B.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "desk@bravo.test" })).id;
  const bDesk = await callerAs(B.company, bDeskId);
  tkb.categoryId = (await bDesk.tickets.options()).categories.find((c) => c.name === "Connectivity")!.id;
  const t = await bDesk.tickets.create({
    customerId: cb.customerId,
    categoryId: tkb.categoryId,
    subject: "Bravo zebrafruit outage",
    description: "The Bravo zebrafruit estate is offline.",
  });
  tkb.ticketId = t.id;
  const file = await withTenant(B.company.id, (tx) =>
    storage.upload(
      { tx, companyId: B.company.id, actor: { type: "USER", id: bDeskId, label: "desk" } },
      {
        fileName: "bravo-cabinet.png",
        contentType: "image/png",
        bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
      },
    ),
  );
  tkb.attachmentId = file.id;
  await bDesk.tickets.reply({ ticketId: t.id, body: "Bravo zebrafruit crew dispatched.", attachmentIds: [file.id] });
  await bDesk.tickets.addNote({ ticketId: t.id, body: "Bravo zebrafruit internal note." });
  await bDesk.tickets.addWatcher({ ticketId: t.id, userId: b.tech.id });
  await bDesk.tickets.setStatus({ id: t.id, status: "RESOLVED" });
  const mail = (await outboxOf(B.company.id)).find((m) => m.to === cb.customerEmail && /is resolved/.test(m.subject))!;
  tkb.csatToken = /\/csat\/([A-Za-z0-9_-]{20,})/.exec(mail.text)![1]!;
  tkb.otherTicketId = (
    await bDesk.tickets.create({
      categoryId: tkb.categoryId,
      subject: "Bravo zebrafruit duplicate",
      description: "Same Bravo outage again.",
    })
  ).id;
  tkb.cannedId = (
    await bDesk.tickets.canned.create({ title: "Bravo zebrafruit greeting", body: "Hello from Bravo." })
  ).id;

  tkb.aCategoryId = (await aAdmin.tickets.options()).categories.find((c) => c.name === "Connectivity")!.id;
  tkb.aTicketId = (
    await aAdmin.tickets.create({
      customerId: cb.aCustomerId,
      categoryId: tkb.aCategoryId,
      subject: "Alpha slow link",
      description: "Alpha customer sees slow speeds.",
    })
  ).id;
});

/** One case per procedure: called as company A with company B's ids, it finds nothing of B. */
/** Staff of B: a profile, a skill (needed by a category), a certificate, training and shifts; and A's own. */
const stb = {} as {
  skillId: string;
  categoryId: string;
  certId: string;
  trainingId: string;
  shiftId: string;
  aTechId: string;
  aSkillId: string;
  aShiftId: string;
};
beforeAll(async () => {
  const companyId = B.company.id;
  Object.assign(stb, { skillId: newId(), categoryId: newId(), certId: newId(), trainingId: newId(), shiftId: newId() });
  await withTenant(companyId, async (tx) => {
    await tx.staffProfile.create({
      data: {
        userId: b.tech.id,
        companyId,
        title: "Bravo NOC engineer",
        areas: ["Bravo Hills"],
        teamLeadId: b.owner.id,
      },
    });
    await tx.skill.create({ data: { id: stb.skillId, companyId, name: "Bravo splicing" } });
    await tx.staffSkill.create({ data: { companyId, userId: b.tech.id, skillId: stb.skillId, level: 4 } });
    await tx.ticketCategory.create({
      data: {
        id: stb.categoryId,
        companyId,
        group: "TECHNICAL",
        name: "Bravo fibre cut",
        skillId: stb.skillId,
        fieldWork: true,
      },
    });
    await tx.certification.create({
      data: {
        id: stb.certId,
        companyId,
        userId: b.tech.id,
        name: "Bravo CFOT",
        expiresOn: new Date(Date.now() + 10 * 86_400_000),
      },
    });
    await tx.trainingRecord.create({
      data: {
        id: stb.trainingId,
        companyId,
        userId: b.tech.id,
        course: "Bravo OTDR course",
        completedOn: new Date("2026-01-15"),
      },
    });
    const now = Date.now();
    await tx.shift.create({
      data: {
        id: stb.shiftId,
        companyId,
        userId: b.tech.id,
        startsAt: new Date(now - 3_600_000),
        endsAt: new Date(now + 3_600_000),
        onCall: true,
      },
    });
    await tx.shift.create({
      data: {
        id: newId(),
        companyId,
        userId: b.tech.id,
        startsAt: new Date(now - 7 * 86_400_000),
        endsAt: new Date(now - 7 * 86_400_000 + 8 * 3_600_000),
      },
    });
  });
  stb.aTechId = (
    await makeUser(A.company.id, "FIELD_TECHNICIAN", { name: "Alpha Tech", email: "field@alpha.test" })
  ).id;
  await aAdmin.staff.saveProfile({ userId: stb.aTechId, areas: ["Alpha Heights"], maxOpenTickets: 5 });
  stb.aSkillId = (await aAdmin.staff.createSkill({ name: "Alpha splicing" })).id;
  stb.aShiftId = (
    await aAdmin.shifts.create({ userId: stb.aTechId, start: "2026-09-07T08:00", end: "2026-09-07T16:00" })
  ).id;
});

const cases: Record<string, () => Promise<void>> = {
  "companies.register": async () => {
    // On a company's address sign-up is refused outright; B's slug stays B's.
    const f = await failure(
      anonymousCaller(A.company).companies.register({
        name: "Takeover",
        slug: B.company.slug,
        currency: "USD",
        timeZone: "UTC",
        country: "US",
        adminName: "Eve",
        adminEmail: "eve@evil.test",
        password: "Evil-password-1",
      }),
    );
    expect(f.code).toBe("BAD_REQUEST");
  },
  "companies.current": async () => {
    const company = await aAdmin.companies.current();
    expect(company.id).toBe(A.company.id);
    await expectNoneOfB(company);
  },
  "companies.update": async () => {
    // Extra keys (another company's id or slug) are not part of the settings and change nothing.
    const input = {
      name: "Alpha Networks",
      currency: "KES",
      timeZone: "Africa/Nairobi",
      country: "KE",
      id: B.company.id,
      slug: B.company.slug,
    } as never;
    const updated = await aAdmin.companies.update(input);
    expect(updated).toMatchObject({ id: A.company.id, slug: A.company.slug, name: "Alpha Networks", currency: "KES" });
  },
  "users.list": async () => {
    const all = await aAdmin.users.list({ pageSize: 100 });
    expect(all.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(all);
    const search = await aAdmin.users.list({ search: "bravo" });
    expect(search).toMatchObject({ total: 0, rows: [] });
  },
  "users.get": async () => {
    for (const id of [b.owner.id, b.tech.id]) expect((await failure(aAdmin.users.get({ id }))).code).toBe("NOT_FOUND");
  },
  "users.invite": async () => {
    // The same e-mail may be invited to A (accounts are per company), but B's pending invitation
    // for it is neither revoked nor visible, and no mail lands in B's outbox.
    const inv = await aAdmin.users.invite({ email: b.inviteEmail, name: "Same Person", role: "TECHNICAL_SUPPORT" });
    expect(inv.id).not.toBe(b.invitationId);
    const inA = await withTenant(A.company.id, (tx) => tx.invitation.findUnique({ where: { id: inv.id } }));
    expect(inA?.companyId).toBe(A.company.id);
  },
  "users.invitations": async () => {
    const list = await aAdmin.users.invitations();
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((i) => i.id)).not.toContain(b.invitationId);
    await expectNoneOfB(list);
  },
  "users.revokeInvitation": async () => {
    expect((await failure(aAdmin.users.revokeInvitation({ id: b.invitationId }))).code).toBe("NOT_FOUND");
  },
  "users.changeRole": async () => {
    expect((await failure(aAdmin.users.changeRole({ userId: b.tech.id, role: "SUPER_ADMIN" }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.users.changeRole({ userId: b.owner.id, role: "CUSTOMER" }))).code).toBe("NOT_FOUND");
  },
  "users.setStatus": async () => {
    expect((await failure(aAdmin.users.setStatus({ userId: b.tech.id, status: "DISABLED" }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.users.setStatus({ userId: b.owner.id, status: "ACTIVE" }))).code).toBe("NOT_FOUND");
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "users.peekInvitation": async () => {
    // The token is real (B's own address shows the invitation) but means nothing on A's.
    expect(await anonymousCaller(B.company).users.peekInvitation({ token: b.inviteToken })).toMatchObject({
      email: b.inviteEmail,
    });
    expect(await anonymousCaller(A.company).users.peekInvitation({ token: b.inviteToken })).toBeNull();
  },
  "users.acceptInvitation": async () => {
    const f = await failure(
      anonymousCaller(A.company).users.acceptInvitation({
        token: b.inviteToken,
        name: "Intruder",
        password: "Intruder-pass-1",
      }),
    );
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
    const inA = await withTenant(A.company.id, (tx) => tx.user.count({ where: { email: b.inviteEmail } }));
    expect(inA).toBe(0);
  },
  "auth.account.me": async () => {
    const me = await aAdmin.auth.account.me();
    expect(me).toMatchObject({ userId: aAdmin.ctx.viewer!.userId, company: { id: A.company.id } });
    await expectNoneOfB(me);
  },
  "auth.account.updateProfile": async () => {
    const me = await aAdmin.auth.account.updateProfile({ name: "Alpha Admin" });
    expect(me.id).toBe(aAdmin.ctx.viewer!.userId);
  },
  "auth.account.changePassword": async () => {
    await aAdmin.auth.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Alpha-new-pass-1" });
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "auth.account.sessions": async () => {
    const list = await aAdmin.auth.account.sessions();
    expect(list.map((s) => s.id)).toContain(aAdmin.sessionId);
    await expectNoneOfB(list);
  },
  "auth.account.revokeSession": async () => {
    expect((await failure(aAdmin.auth.account.revokeSession({ id: b.techSessionId }))).code).toBe("NOT_FOUND");
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "auth.account.revokeOtherSessions": async () => {
    await aAdmin.auth.account.revokeOtherSessions();
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "auth.account.twoFactorStatus": async () => {
    expect(await aTech.auth.account.twoFactorStatus()).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
    });
  },
  "auth.account.beginTwoFactor": async () => {
    const { secret } = await aTech.auth.account.beginTwoFactor();
    const { recoveryCodes } = await aTech.auth.account.confirmTwoFactor({ code: currentTotp(secret) });
    expect(recoveryCodes).toHaveLength(10);
  },
  "auth.account.confirmTwoFactor": async () => {
    // Already enrolled above: confirming again is refused, and B's users are untouched (snapshot).
    expect((await failure(aTech.auth.account.confirmTwoFactor({ code: "123456" }))).code).toBe("CONFLICT");
  },
  "auth.account.disableTwoFactor": async () => {
    await aTech.auth.account.disableTwoFactor();
    expect(await aTech.auth.account.twoFactorStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
  },
  "auth.passwordReset.request": async () => {
    const aMailBefore = (await outboxOf(A.company.id)).length;
    expect(await anonymousCaller(A.company).auth.passwordReset.request({ email: b.tech.email })).toEqual({
      sent: true,
    });
    expect((await outboxOf(A.company.id)).length).toBe(aMailBefore);
  },
  "auth.passwordReset.reset": async () => {
    const real = await withTenant(B.company.id, (tx) =>
      tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(b.resetToken) } }),
    );
    expect(real).not.toBeNull(); // the token is B's and valid there
    const f = await failure(
      anonymousCaller(A.company).auth.passwordReset.reset({ token: b.resetToken, password: "Stolen-pass-123" }),
    );
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
  },
  "audit.list": async () => {
    const page = await aAdmin.audit.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    for (const entityId of [b.owner.id, b.tech.id, b.invitationId, B.company.id]) {
      expect(await aAdmin.audit.list({ entityId }), entityId).toMatchObject({ total: 0, rows: [] });
    }
  },
  "outbox.list": async () => {
    const page = await aAdmin.outbox.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    expect(page.rows.every((m) => m.companyId === A.company.id)).toBe(true);
  },
  "vouchers.listBatches": async () => {
    const page = await aAdmin.vouchers.listBatches({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.map((r) => r.id)).not.toContain(vb.batchId);
    await expectNoneOfB(page);
  },
  "vouchers.getBatch": async () => {
    expect((await failure(aAdmin.vouchers.getBatch({ id: vb.batchId }))).code).toBe("NOT_FOUND");
  },
  "vouchers.hotspotPackages": async () => {
    const list = await aAdmin.vouchers.hotspotPackages();
    expect(list.map((p) => p.id)).toContain(vb.aPackageId);
    expect(list.map((p) => p.id)).not.toContain(vb.packageId);
    await expectNoneOfB(list);
  },
  "vouchers.generateBatch": async () => {
    const f = await failure(aAdmin.vouchers.generateBatch({ packageId: vb.packageId, quantity: 5 }));
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
    expect(await withTenant(A.company.id, (tx) => tx.voucherBatch.count({ where: { packageId: vb.packageId } }))).toBe(
      0,
    );
  },
  "vouchers.disableVoucher": async () => {
    expect((await failure(aAdmin.vouchers.disableVoucher({ id: vb.voucherId }))).code).toBe("NOT_FOUND");
  },
  "radius.keys": async () => {
    await aAdmin.radius.createKey({ name: "alpha-radius" });
    const list = await aAdmin.radius.keys();
    expect(list.map((k) => k.name)).toContain("alpha-radius");
    expect(list.map((k) => k.id)).not.toContain(rb.keyId);
    await expectNoneOfB(list);
  },
  "radius.createKey": async () => {
    // Names are per company: B's is free at A, and the key made is A's.
    const { key } = await aAdmin.radius.createKey({ name: "bravo-radius" });
    expect(await withTenant(A.company.id, (tx) => tx.radiusServerKey.count({ where: { id: key.id } }))).toBe(1);
  },
  "radius.revokeKey": async () => {
    expect((await failure(aAdmin.radius.revokeKey({ id: rb.keyId }))).code).toBe("NOT_FOUND");
  },
  "customers.list": async () => {
    const page = await aAdmin.customers.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(cb.aCustomerId);
    await expectNoneOfB(page);
    expect(await aAdmin.customers.list({ search: "bravo" })).toMatchObject({ total: 0, rows: [] });
  },
  "customers.tags": async () => {
    expect(await aAdmin.customers.tags()).not.toContain("bravo");
  },
  "customers.get": async () => {
    expect((await failure(aAdmin.customers.get({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.timeline": async () => {
    expect((await failure(aAdmin.customers.timeline({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.create": async () => {
    // A's numbering is its own (B's first customer does not advance it), and B is untouched.
    const c = await aAdmin.customers.create({ firstName: "Second", lastName: "Alpha", email: "second@alpha.test" });
    expect(c.accountNo).toBe("ACC-000002");
  },
  "customers.update": async () => {
    const f = await failure(
      aAdmin.customers.update({ id: cb.customerId, firstName: "Hijacked", email: "x@alpha.test" }),
    );
    expect(f.code).toBe("NOT_FOUND");
  },
  "customers.changeStatus": async () => {
    expect((await failure(aAdmin.customers.changeStatus({ id: cb.customerId, status: "TERMINATED" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "customers.delete": async () => {
    expect((await failure(aAdmin.customers.delete({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.invitePortal": async () => {
    // B's customer is not found from A, and no invitation or mail is made anywhere.
    expect((await failure(aAdmin.customers.invitePortal({ id: cb.customerId }))).code).toBe("NOT_FOUND");
    const mailedA = await withTenant(A.company.id, (tx) => tx.outboundEmail.count({ where: { to: cb.customerEmail } }));
    expect(mailedA).toBe(0);
  },
  "customers.exportCsv": async () => {
    const file = await aAdmin.customers.exportCsv({});
    expect(file.csv).toContain("subscriber@alpha.test");
    await expectNoneOfB(file);
  },
  "customers.importCsv": async () => {
    const report = await aAdmin.customers.importCsv({
      csv: `firstName,email\nImported,imported@alpha.test`,
      dryRun: false,
    });
    expect(report.imported).toBe(1);
  },
  "leads.list": async () => {
    const page = await aAdmin.leads.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(cb.aLeadId);
    await expectNoneOfB(page);
    expect(await aAdmin.leads.list({ search: "bravo" })).toMatchObject({ total: 0 });
  },
  "leads.get": async () => {
    expect((await failure(aAdmin.leads.get({ id: cb.leadId }))).code).toBe("NOT_FOUND");
  },
  "leads.followUpsDue": async () => {
    const due = await aAdmin.leads.followUpsDue();
    expect(due.map((l) => l.id)).toContain(cb.aLeadId);
    await expectNoneOfB(due);
  },
  "leads.conversionRates": async () => {
    const rates = await aAdmin.leads.conversionRates();
    expect(rates.bySource.reduce((n, r) => n + r.total, 0)).toBeGreaterThan(0);
    await expectNoneOfB(rates);
  },
  "leads.options": async () => {
    const options = await aAdmin.leads.options();
    expect(options.packages.map((p) => p.id)).toContain(vb.aPackageId);
    await expectNoneOfB(options);
  },
  "leads.create": async () => {
    // Neither B's package nor B's staff can be attached to A's lead.
    const f = await failure(
      aAdmin.leads.create({
        name: "Cross Link",
        phone: "0700 000 003",
        interestedPackageId: vb.packageId,
        ownerId: b.tech.id,
      }),
    );
    expect(f.code).toBe("NOT_FOUND");
    expect(f.fields).toMatchObject({ interestedPackageId: "No such package.", ownerId: expect.any(String) });
  },
  "leads.update": async () => {
    expect((await failure(aAdmin.leads.update({ id: cb.leadId, name: "Hijacked", phone: "0700 000 004" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "leads.changeStage": async () => {
    expect(
      (await failure(aAdmin.leads.changeStage({ id: cb.leadId, stage: "LOST", lostReason: "Sabotage" }))).code,
    ).toBe("NOT_FOUND");
  },
  "leads.addActivity": async () => {
    expect((await failure(aAdmin.leads.addActivity({ leadId: cb.leadId, body: "Injected note" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "leads.convert": async () => {
    expect((await failure(aAdmin.leads.convert({ id: cb.leadId }))).code).toBe("NOT_FOUND");
  },
  "packages.list": async () => {
    const page = await aAdmin.packages.list({ pageSize: 100, archived: "all" });
    expect(page.rows.map((p) => p.id)).toContain(sb.aPackageId);
    await expectNoneOfB(page);
    expect(await aAdmin.packages.list({ search: sb.packageCode })).toMatchObject({ total: 0 });
  },
  "packages.get": async () => {
    expect((await failure(aAdmin.packages.get({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.create": async () => {
    // Codes are unique per company: B's code is free at A, and B's package is untouched.
    const pkg = await aAdmin.packages.create({
      name: "Alpha 20",
      code: sb.packageCode,
      type: "PPPOE",
      downloadKbps: 20_000,
      uploadKbps: 5_000,
      billingCycle: "MONTHLY",
      priceMinor: 2000,
    });
    expect(pkg.id).not.toBe(sb.packageId);
  },
  "packages.update": async () => {
    const data = {
      name: "Hijacked",
      code: "HIJACK",
      type: "PPPOE" as const,
      downloadKbps: 1_000,
      uploadKbps: 1_000,
      billingCycle: "MONTHLY" as const,
      priceMinor: 1,
    };
    expect((await failure(aAdmin.packages.update({ id: sb.packageId, data }))).code).toBe("NOT_FOUND");
  },
  "packages.archive": async () => {
    expect((await failure(aAdmin.packages.archive({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.unarchive": async () => {
    expect((await failure(aAdmin.packages.unarchive({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.delete": async () => {
    expect((await failure(aAdmin.packages.delete({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.list": async () => {
    await aAdmin.subscriptions.create({
      customerId: sb.aCustomerId,
      packageId: sb.aPackageId,
      startDate: "2026-12-01",
    });
    const page = await aAdmin.subscriptions.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    expect(await aAdmin.subscriptions.list({ customerId: sb.customerId })).toMatchObject({ total: 0 });
    expect(await aAdmin.subscriptions.list({ search: sb.username })).toMatchObject({ total: 0 });
  },
  "subscriptions.get": async () => {
    expect((await failure(aAdmin.subscriptions.get({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.forCustomer": async () => {
    expect((await failure(aAdmin.subscriptions.forCustomer({ customerId: sb.customerId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.create": async () => {
    expect(
      (
        await failure(
          aAdmin.subscriptions.create({ customerId: sb.customerId, packageId: sb.aPackageId, startDate: "2026-12-01" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          aAdmin.subscriptions.create({ customerId: sb.aCustomerId, packageId: sb.packageId, startDate: "2026-12-01" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // PPPoE usernames are unique per company: B's is free at A.
    const own = await aAdmin.subscriptions.create({
      customerId: sb.aCustomerId,
      packageId: sb.aPackageId,
      startDate: "2026-12-01",
      pppoeUsername: sb.username,
    });
    expect(own.subscription.pppoeUsername).toBe(sb.username);
  },
  "subscriptions.activate": async () => {
    expect((await failure(aAdmin.subscriptions.activate({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.suspend": async () => {
    expect((await failure(aAdmin.subscriptions.suspend({ id: sb.subscriptionId, reason: "Cross-tenant" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "subscriptions.resume": async () => {
    expect((await failure(aAdmin.subscriptions.resume({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.terminate": async () => {
    expect(
      (await failure(aAdmin.subscriptions.terminate({ id: sb.subscriptionId, reason: "Cross-tenant" }))).code,
    ).toBe("NOT_FOUND");
  },
  "subscriptions.reprovision": async () => {
    expect((await failure(aAdmin.subscriptions.reprovision({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.regeneratePassword": async () => {
    expect((await failure(aAdmin.subscriptions.regeneratePassword({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.list": async () => {
    const page = await aAdmin.serviceRequests.list({ pageSize: 100 });
    await expectNoneOfB(page);
    expect(await aAdmin.serviceRequests.list({ customerId: sb.customerId })).toMatchObject({ total: 0 });
  },
  "serviceRequests.create": async () => {
    const f = await failure(
      aAdmin.serviceRequests.create({
        customerId: sb.customerId,
        subscriptionId: sb.subscriptionId,
        kind: "TERMINATION",
        effectiveDate: "2099-01-01",
      }),
    );
    expect(f.code).toBe("NOT_FOUND");
    const g = await failure(
      aAdmin.serviceRequests.create({
        customerId: sb.aCustomerId,
        kind: "NEW_SERVICE",
        packageId: sb.packageId,
        effectiveDate: "2099-01-01",
      }),
    );
    expect(g.code).toBe("NOT_FOUND");
  },
  "serviceRequests.approve": async () => {
    expect((await failure(aAdmin.serviceRequests.approve({ id: sb.requestId }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.reject": async () => {
    expect((await failure(aAdmin.serviceRequests.reject({ id: sb.requestId, note: "Cross-tenant" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "serviceRequests.cancel": async () => {
    expect((await failure(aAdmin.serviceRequests.cancel({ id: sb.requestId }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.retryApply": async () => {
    expect((await failure(aAdmin.serviceRequests.retryApply({ id: sb.requestId }))).code).toBe("NOT_FOUND");
  },
  "portal.packages": async () => {
    const offered = await anonymousCaller(A.company).portal.packages();
    expect(offered.map((p) => p.id)).toContain(sb.aPackageId);
    await expectNoneOfB(offered);
  },
  "portal.register": async () => {
    // Signing up at A for B's package finds no such package, and writes nothing at A.
    const usersBefore = await withTenant(A.company.id, (tx) => tx.user.count());
    const f = await failure(
      anonymousCaller(A.company).portal.register({
        firstName: "Eve",
        lastName: "Cross",
        email: "eve@cross.test",
        phone: "0700 123 456",
        serviceAddress: "1 Border Road",
        packageId: sb.packageId,
        password: "Cross-tenant-1",
      }),
    );
    expect(f.code).toBe("NOT_FOUND");
    expect(await withTenant(A.company.id, (tx) => tx.user.count())).toBe(usersBefore);
  },
  "portal.resendVerification": async () => {
    const aMailBefore = (await outboxOf(A.company.id)).length;
    expect(await anonymousCaller(A.company).portal.resendVerification({ email: cb.customerEmail })).toEqual({
      sent: true,
    });
    expect((await outboxOf(A.company.id)).length).toBe(aMailBefore);
  },
  "portal.overview": async () => {
    const mine = await aCustomerPortal.portal.overview();
    expect(mine.customer.id).toBe(cb.aCustomerId);
    await expectNoneOfB(mine);
  },
  "portal.requestChange": async () => {
    const f = await failure(
      aCustomerPortal.portal.requestChange({
        subscriptionId: sb.subscriptionId,
        kind: "TERMINATION",
        effectiveDate: "2099-01-01",
      }),
    );
    expect(f.code).toBe("NOT_FOUND");
  },
  "portal.updateContact": async () => {
    await aCustomerPortal.portal.updateContact({
      phone: "0700 999 888",
      contactChannel: "SMS",
      paperlessBilling: false,
    });
    const after = await withTenant(A.company.id, (tx) =>
      tx.customer.findUniqueOrThrow({ where: { id: cb.aCustomerId } }),
    );
    expect(after).toMatchObject({ phone: "0700 999 888", contactChannel: "SMS", paperlessBilling: false });
  },
  "notifications.list": async () => {
    const mine = await aAdmin.notifications.list({});
    expect(mine.rows.map((n) => n.title)).toContain("Alpha note");
    await expectNoneOfB(mine);
  },
  "notifications.unreadCount": async () => {
    expect((await aAdmin.notifications.unreadCount()).count).toBeGreaterThan(0);
  },
  "notifications.markRead": async () => {
    expect(await aAdmin.notifications.markRead({ ids: [nb.notificationId] })).toEqual({ updated: 0 });
  },
  "notifications.markAllRead": async () => {
    // Marks A's admin's own only (the snapshot shows B's stays unread).
    expect((await aAdmin.notifications.markAllRead()).updated).toBeGreaterThan(0);
    expect(await aAdmin.notifications.unreadCount()).toEqual({ count: 0 });
  },
  "sla.settings": async () => {
    const settings = await aAdmin.sla.settings();
    expect(settings.calendars.length).toBeGreaterThan(0);
    expect(settings.rules.length).toBeGreaterThan(0);
    await expectNoneOfB(settings);
  },
  "sla.saveTargets": async () => {
    // Targets are keyed by the caller's company; nothing in the input can point at B's.
    const { targets } = await aAdmin.sla.settings();
    await aAdmin.sla.saveTargets({ targets: targets.map((t) => ({ ...t, responseMin: t.responseMin + 1 })) });
  },
  "sla.saveCalendar": async () => {
    const f = await failure(
      aAdmin.sla.saveCalendar({ id: slab.calendarId, name: "Hijacked", timeZone: "UTC", hours: { "1": [[0, 60]] } }),
    );
    expect(f.code).toBe("NOT_FOUND");
    // B's calendar name is free at A (names are per company).
    const mine = await aAdmin.sla.saveCalendar({
      name: "Bravo desk hours",
      timeZone: "UTC",
      hours: { "1": [[0, 60]] },
    });
    expect(mine.companyId).toBe(A.company.id);
    await aAdmin.sla.deleteCalendar({ id: mine.id });
  },
  "sla.setDefaultCalendar": async () => {
    expect((await failure(aAdmin.sla.setDefaultCalendar({ id: slab.calendarId }))).code).toBe("NOT_FOUND");
  },
  "sla.deleteCalendar": async () => {
    expect((await failure(aAdmin.sla.deleteCalendar({ id: slab.calendarId }))).code).toBe("NOT_FOUND");
  },
  "sla.addHoliday": async () => {
    expect(
      (await failure(aAdmin.sla.addHoliday({ calendarId: slab.calendarId, date: "2026-12-31", name: "Sneaky" }))).code,
    ).toBe("NOT_FOUND");
  },
  "sla.removeHoliday": async () => {
    expect((await failure(aAdmin.sla.removeHoliday({ id: slab.holidayId }))).code).toBe("NOT_FOUND");
  },
  "sla.saveRule": async () => {
    const f = await failure(
      aAdmin.sla.saveRule({
        id: slab.ruleId,
        name: "Hijacked",
        clock: "RESPONSE",
        thresholdPct: 1,
        notify: true,
        raisePriority: false,
        reassignToLead: false,
      }),
    );
    expect(f.code).toBe("NOT_FOUND");
  },
  "sla.deleteRule": async () => {
    expect((await failure(aAdmin.sla.deleteRule({ id: slab.ruleId }))).code).toBe("NOT_FOUND");
  },
  "supportReports.overview": async () => {
    const report = await aAdmin.supportReports.overview({});
    expect(report.range.timeZone).toBe("Africa/Nairobi"); // A's zone since companies.update
    await expectNoneOfB(report);
  },
  "supportReports.technicianCsv": async () => {
    await expectNoneOfB(await aAdmin.supportReports.technicianCsv({}));
  },
  "kb.categories": async () => {
    const list = await aAdmin.kb.categories();
    expect(list.map((c) => c.id)).toContain(kbb.aCategoryId);
    await expectNoneOfB(list);
  },
  "kb.saveCategory": async () => {
    expect((await failure(aAdmin.kb.saveCategory({ id: kbb.categoryId, name: "Hijacked" }))).code).toBe("NOT_FOUND");
    // Names are unique per company: B's is free at A.
    expect((await aAdmin.kb.saveCategory({ name: "Bravo help" })).companyId).toBe(A.company.id);
  },
  "kb.moveCategory": async () => {
    expect((await failure(aAdmin.kb.moveCategory({ id: kbb.categoryId, direction: "up" }))).code).toBe("NOT_FOUND");
  },
  "kb.deleteCategory": async () => {
    expect((await failure(aAdmin.kb.deleteCategory({ id: kbb.categoryId }))).code).toBe("NOT_FOUND");
  },
  "kb.list": async () => {
    const page = await aAdmin.kb.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(kbb.aArticleId);
    await expectNoneOfB(page);
    expect(await aAdmin.kb.list({ search: "zebrafruit" })).toMatchObject({ total: 0, rows: [] });
    expect(await aAdmin.kb.list({ categoryId: kbb.categoryId })).toMatchObject({ total: 0 });
  },
  "kb.get": async () => {
    for (const id of [kbb.publicId, kbb.internalId])
      expect((await failure(aAdmin.kb.get({ id }))).code).toBe("NOT_FOUND");
  },
  "kb.create": async () => {
    const f = await failure(
      aAdmin.kb.create({ title: "Cross link", body: "An article in B's category.", categoryId: kbb.categoryId }),
    );
    expect(f.code).toBe("NOT_FOUND");
    // Addresses are unique per company: B's is free at A.
    const same = await aAdmin.kb.create({
      title: "Same address",
      body: "A's own article at B's address.",
      slug: kbb.publicSlug,
    });
    expect(same.slug).toBe(kbb.publicSlug);
    await aAdmin.kb.delete({ id: same.id }); // so later answers of A do not carry B's slug legitimately
  },
  "kb.update": async () => {
    expect(
      (
        await failure(
          aAdmin.kb.update({ id: kbb.publicId, title: "Hijacked", body: "Hijacked body text.", published: false }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  },
  "kb.delete": async () => {
    expect((await failure(aAdmin.kb.delete({ id: kbb.publicId }))).code).toBe("NOT_FOUND");
  },
  "kb.suggest": async () => {
    const found = await aCustomerPortal.kb.suggest({ text: "zebrafruit router restart" });
    expect(found.map((a) => a.id)).toContain(kbb.aArticleId);
    await expectNoneOfB(found);
  },
  "kb.help": async () => {
    const all = await aCustomerPortal.kb.help({});
    expect(all.articles.map((a) => a.id)).toContain(kbb.aArticleId);
    await expectNoneOfB(all);
    expect((await aCustomerPortal.kb.help({ search: "zebrafruit" })).articles).toEqual([]);
    expect((await aCustomerPortal.kb.help({ categoryId: kbb.categoryId })).articles).toEqual([]);
  },
  "kb.helpArticle": async () => {
    expect((await failure(aCustomerPortal.kb.helpArticle({ slug: kbb.publicSlug }))).code).toBe("NOT_FOUND");
  },
  "kb.helpViewed": async () => {
    // The snapshot shows B's view count unchanged.
    expect((await failure(aCustomerPortal.kb.helpViewed({ slug: kbb.publicSlug }))).code).toBe("NOT_FOUND");
  },
  "staff.list": async () => {
    const all = await aAdmin.staff.list({ pageSize: 100 });
    expect(all.rows.map((r) => r.userId)).toContain(stb.aTechId);
    await expectNoneOfB(all);
    expect(await aAdmin.staff.list({ search: "bravo" })).toMatchObject({ total: 0, rows: [] });
    expect((await aAdmin.staff.list({ skillId: stb.skillId })).total).toBe(0);
  },
  "staff.get": async () => {
    expect((await failure(aAdmin.staff.get({ userId: b.tech.id }))).code).toBe("NOT_FOUND");
    await expectNoneOfB(await aAdmin.staff.get({ userId: stb.aTechId }));
  },
  "staff.me": async () => {
    const me = await (await callerAs(A.company, stb.aTechId)).staff.me();
    expect(me.user.id).toBe(stb.aTechId);
    await expectNoneOfB(me);
  },
  "staff.options": async () => {
    const options = await aAdmin.staff.options();
    expect(options.length).toBeGreaterThan(0);
    await expectNoneOfB(options);
  },
  "staff.saveProfile": async () => {
    expect((await failure(aAdmin.staff.saveProfile({ userId: b.tech.id, areas: ["Taken over"] }))).code).toBe(
      "NOT_FOUND",
    );
    const f = await failure(aAdmin.staff.saveProfile({ userId: stb.aTechId, teamLeadId: b.owner.id }));
    expect(f).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { teamLeadId: "Choose a team lead of your company." },
    });
  },
  "staff.skills": async () => {
    const skills = await aAdmin.staff.skills();
    expect(skills.map((x) => x.id)).toContain(stb.aSkillId);
    await expectNoneOfB(skills);
  },
  "staff.categoryOptions": async () => {
    const categories = await aAdmin.staff.categoryOptions();
    expect(categories.map((c) => c.id)).not.toContain(stb.categoryId);
    await expectNoneOfB(categories);
  },
  "staff.createSkill": async () => {
    // Skill names are unique per company: A may have its own "Bravo splicing".
    const skill = await aAdmin.staff.createSkill({ name: "Bravo splicing" });
    expect(skill.id).not.toBe(stb.skillId);
    await aAdmin.staff.deleteSkill({ id: skill.id });
  },
  "staff.renameSkill": async () => {
    expect((await failure(aAdmin.staff.renameSkill({ id: stb.skillId, name: "Hijacked" }))).code).toBe("NOT_FOUND");
  },
  "staff.deleteSkill": async () => {
    expect((await failure(aAdmin.staff.deleteSkill({ id: stb.skillId }))).code).toBe("NOT_FOUND");
  },
  "staff.setSkillCategories": async () => {
    expect((await failure(aAdmin.staff.setSkillCategories({ skillId: stb.skillId, categoryIds: [] }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(aAdmin.staff.setSkillCategories({ skillId: stb.aSkillId, categoryIds: [stb.categoryId] }))).code,
    ).toBe("NOT_FOUND");
  },
  "staff.setSkill": async () => {
    expect((await failure(aAdmin.staff.setSkill({ userId: b.tech.id, skillId: stb.aSkillId, level: 5 }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(aAdmin.staff.setSkill({ userId: stb.aTechId, skillId: stb.skillId, level: 5 }))).fields,
    ).toEqual({ skillId: "Choose a skill from the catalogue." });
  },
  "staff.removeSkill": async () => {
    expect((await failure(aAdmin.staff.removeSkill({ userId: b.tech.id, skillId: stb.skillId }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "staff.addCertification": async () => {
    expect(
      (await failure(aAdmin.staff.addCertification({ userId: b.tech.id, name: "Planted", expiresOn: "2030-01-01" })))
        .code,
    ).toBe("NOT_FOUND");
  },
  "staff.updateCertification": async () => {
    expect(
      (await failure(aAdmin.staff.updateCertification({ id: stb.certId, name: "Changed", expiresOn: "2030-01-01" })))
        .code,
    ).toBe("NOT_FOUND");
  },
  "staff.deleteCertification": async () => {
    expect((await failure(aAdmin.staff.deleteCertification({ id: stb.certId }))).code).toBe("NOT_FOUND");
  },
  "staff.addTraining": async () => {
    expect(
      (await failure(aAdmin.staff.addTraining({ userId: b.tech.id, course: "Planted", completedOn: "2026-01-01" })))
        .code,
    ).toBe("NOT_FOUND");
  },
  "staff.deleteTraining": async () => {
    expect((await failure(aAdmin.staff.deleteTraining({ id: stb.trainingId }))).code).toBe("NOT_FOUND");
  },
  "shifts.week": async () => {
    const week = await aAdmin.shifts.week({ weekStart: "2026-09-07" });
    expect(week.shifts.map((x) => x.id)).toEqual([stb.aShiftId]);
    await expectNoneOfB(week);
    await expectNoneOfB(await aAdmin.shifts.week({}));
  },
  "shifts.now": async () => {
    const now = await aAdmin.shifts.now();
    expect(now).toEqual({ onShift: [], onCall: [] });
  },
  "shifts.create": async () => {
    const f = await failure(
      aAdmin.shifts.create({ userId: b.tech.id, start: "2026-09-08T08:00", end: "2026-09-08T16:00" }),
    );
    expect(f).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { userId: "Choose a staff member of your company." },
    });
  },
  "shifts.update": async () => {
    expect(
      (
        await failure(
          aAdmin.shifts.update({
            id: stb.shiftId,
            userId: stb.aTechId,
            start: "2026-09-08T08:00",
            end: "2026-09-08T16:00",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          aAdmin.shifts.update({
            id: stb.aShiftId,
            userId: b.tech.id,
            start: "2026-09-07T08:00",
            end: "2026-09-07T16:00",
          }),
        )
      ).code,
    ).toBe("UNPROCESSABLE_CONTENT");
  },
  "shifts.delete": async () => {
    expect((await failure(aAdmin.shifts.delete({ id: stb.shiftId }))).code).toBe("NOT_FOUND");
  },
  "shifts.copyPreviousWeek": async () => {
    // B has a shift last week; A has none, so nothing is copied anywhere.
    const result = await aAdmin.shifts.copyPreviousWeek({ weekStart: new Date().toISOString().slice(0, 10) });
    expect(result).toMatchObject({ copied: 0, skipped: [] });
  },
  "workOrders.list": async () => {
    const page = await aAdmin.workOrders.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(wob.aWorkOrderId);
    await expectNoneOfB(page);
    expect(await aAdmin.workOrders.list({ search: "zebrafruit" })).toMatchObject({ total: 0 });
    expect(await aAdmin.workOrders.list({ customerId: sb.customerId })).toMatchObject({ total: 0 });
  },
  "workOrders.get": async () => {
    expect((await failure(aAdmin.workOrders.get({ id: wob.workOrderId }))).code).toBe("NOT_FOUND");
  },
  "workOrders.mine": async () => {
    const mine = await aAdmin.workOrders.mine();
    expect([...mine.overdue, ...mine.today, ...mine.upcoming].map((w) => w.id)).toContain(wob.aWorkOrderId);
    await expectNoneOfB(mine);
  },
  "workOrders.technicians": async () => {
    const list = await aAdmin.workOrders.technicians();
    expect(list.length).toBeGreaterThan(0);
    await expectNoneOfB(list);
  },
  "workOrders.prefill": async () => {
    expect((await failure(aAdmin.workOrders.prefill({ customerId: sb.customerId }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.workOrders.prefill({ subscriptionId: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "workOrders.create": async () => {
    const window = { windowStart: "2026-11-26T09:00", windowEnd: "2026-11-26T11:00" };
    expect(
      (
        await failure(
          aAdmin.workOrders.create({ kind: "REPAIR", address: "Alpha road 2", technicianId: b.tech.id, ...window }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await failure(aAdmin.workOrders.create({ kind: "REPAIR", customerId: sb.customerId, ...window }))).code,
    ).toBe("NOT_FOUND");
    // A's numbers are its own: B's job does not advance them.
    expect((await aAdmin.workOrders.create({ kind: "REPAIR", address: "Alpha road 3", ...window })).numberLabel).toBe(
      "WO-000002",
    );
  },
  "workOrders.update": async () => {
    expect(
      (
        await failure(
          aAdmin.workOrders.update({
            id: wob.workOrderId,
            kind: "REPAIR",
            address: "Hijacked",
            windowStart: "2026-11-26T09:00",
            windowEnd: "2026-11-26T11:00",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  },
  "workOrders.cancel": async () => {
    expect((await failure(aAdmin.workOrders.cancel({ id: wob.workOrderId, reason: "Cross-tenant" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "workOrders.advance": async () => {
    expect((await failure(aAdmin.workOrders.advance({ id: wob.workOrderId, status: "ON_SITE" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "workOrders.tick": async () => {
    expect((await failure(aAdmin.workOrders.tick({ id: wob.workOrderId, index: 0, done: true }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "workOrders.recordMeasurement": async () => {
    expect(
      (
        await failure(
          aAdmin.workOrders.recordMeasurement({ workOrderId: wob.workOrderId, kind: "SNR_DB", value: "30" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  },
  "workOrders.removeMeasurement": async () => {
    expect(
      (await failure(aAdmin.workOrders.removeMeasurement({ workOrderId: wob.workOrderId, id: wob.measurementId })))
        .code,
    ).toBe("NOT_FOUND");
    // B's reading is not A's job's either.
    expect(
      (await failure(aAdmin.workOrders.removeMeasurement({ workOrderId: wob.aWorkOrderId, id: wob.measurementId })))
        .code,
    ).toBe("NOT_FOUND");
  },
  "workOrders.addEquipment": async () => {
    expect(
      (
        await failure(
          aAdmin.workOrders.addEquipment({ workOrderId: wob.workOrderId, description: "ONT", serial: "ALPHA-1" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // B's open job with the same serial is invisible: no warning naming it.
    const own = await aAdmin.workOrders.addEquipment({
      workOrderId: wob.aWorkOrderId,
      description: "Alpha ONT",
      serial: "BRAVO-SERIAL-1",
    });
    expect(own.warnings).toEqual([]);
    await aAdmin.workOrders.removeEquipment({ workOrderId: wob.aWorkOrderId, id: own.equipment.id });
  },
  "workOrders.removeEquipment": async () => {
    expect(
      (await failure(aAdmin.workOrders.removeEquipment({ workOrderId: wob.workOrderId, id: wob.equipmentId }))).code,
    ).toBe("NOT_FOUND");
    expect(
      (await failure(aAdmin.workOrders.removeEquipment({ workOrderId: wob.aWorkOrderId, id: wob.equipmentId }))).code,
    ).toBe("NOT_FOUND");
  },
  "workOrders.addPhotos": async () => {
    expect(
      (
        await failure(
          aAdmin.workOrders.addPhotos({ workOrderId: wob.workOrderId, attachmentIds: [wob.pendingUploadId] }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // B's pending upload cannot be pulled onto A's own job.
    expect(
      (
        await failure(
          aAdmin.workOrders.addPhotos({ workOrderId: wob.aWorkOrderId, attachmentIds: [wob.pendingUploadId] }),
        )
      ).code,
    ).toBe("UNPROCESSABLE_CONTENT");
  },
  "workOrders.removePhoto": async () => {
    expect((await failure(aAdmin.workOrders.removePhoto({ workOrderId: wob.workOrderId, id: wob.photoId }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(aAdmin.workOrders.removePhoto({ workOrderId: wob.aWorkOrderId, id: wob.photoId }))).code,
    ).toBe("NOT_FOUND");
  },
  "workOrders.sign": async () => {
    expect(
      (
        await failure(
          aAdmin.workOrders.sign({
            workOrderId: wob.workOrderId,
            signedByName: "Eve",
            signatureId: wob.pendingUploadId,
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          aAdmin.workOrders.sign({
            workOrderId: wob.aWorkOrderId,
            signedByName: "Eve",
            signatureId: wob.pendingUploadId,
          }),
        )
      ).code,
    ).toBe("UNPROCESSABLE_CONTENT");
  },
  "workOrders.complete": async () => {
    expect(
      (await failure(aAdmin.workOrders.complete({ id: wob.workOrderId, customerAbsentNote: "Cross-tenant" }))).code,
    ).toBe("NOT_FOUND");
  },
  "tickets.list": async () => {
    const page = await aAdmin.tickets.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(tkb.aTicketId);
    await expectNoneOfB(page);
    expect(await aAdmin.tickets.list({ search: "zebrafruit" })).toMatchObject({ total: 0 });
    expect(await aAdmin.tickets.list({ customerId: cb.customerId })).toMatchObject({ total: 0 });
    expect(await aAdmin.tickets.list({ sla: "near_breach" })).toMatchObject({ rows: expect.any(Array) });
  },
  "tickets.get": async () => {
    expect((await failure(aAdmin.tickets.get({ id: tkb.ticketId }))).code).toBe("NOT_FOUND");
    await expectNoneOfB(await aAdmin.tickets.get({ id: tkb.aTicketId }));
  },
  "tickets.options": async () => {
    const options = await aAdmin.tickets.options();
    expect(options.categories.map((c) => c.id)).toContain(tkb.aCategoryId);
    await expectNoneOfB(options);
  },
  "tickets.forCustomer": async () => {
    expect((await failure(aAdmin.tickets.forCustomer({ customerId: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "tickets.create": async () => {
    // Neither B's category, B's customer nor B's staff can be used at A.
    expect(
      (
        await failure(
          aAdmin.tickets.create({
            categoryId: tkb.categoryId,
            subject: "Cross category",
            description: "Using B's category.",
          }),
        )
      ).fields,
    ).toEqual({ categoryId: "No such category." });
    expect(
      (
        await failure(
          aAdmin.tickets.create({
            customerId: cb.customerId,
            categoryId: tkb.aCategoryId,
            subject: "Cross customer",
            description: "Using B's customer.",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          aAdmin.tickets.create({
            subscriptionId: sb.subscriptionId,
            categoryId: tkb.aCategoryId,
            subject: "Cross line",
            description: "Using B's line.",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await failure(
          aAdmin.tickets.create({
            assigneeId: b.tech.id,
            categoryId: tkb.aCategoryId,
            subject: "Cross assignee",
            description: "Using B's staff.",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const own = await aAdmin.tickets.create({
      categoryId: tkb.aCategoryId,
      subject: "Alpha own ticket",
      description: "Numbered at A.",
    });
    expect(own.number).toBeGreaterThan(1);
  },
  "tickets.update": async () => {
    const data = { subject: "Hijacked", categoryId: tkb.aCategoryId };
    expect((await failure(aAdmin.tickets.update({ id: tkb.ticketId, ...data }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.tickets.update({ id: tkb.aTicketId, ...data, customerId: cb.customerId }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (
        await failure(
          aAdmin.tickets.update({ id: tkb.aTicketId, subject: "Alpha slow link", categoryId: tkb.categoryId }),
        )
      ).code,
    ).toBe("UNPROCESSABLE_CONTENT");
  },
  "tickets.reply": async () => {
    expect((await failure(aAdmin.tickets.reply({ ticketId: tkb.ticketId, body: "Injected reply" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.addNote": async () => {
    expect((await failure(aAdmin.tickets.addNote({ ticketId: tkb.ticketId, body: "Injected note" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.setStatus": async () => {
    expect((await failure(aAdmin.tickets.setStatus({ id: tkb.ticketId, status: "CLOSED" }))).code).toBe("NOT_FOUND");
  },
  "tickets.setPriority": async () => {
    expect((await failure(aAdmin.tickets.setPriority({ id: tkb.otherTicketId, priority: "LOW" }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.assign": async () => {
    expect((await failure(aAdmin.tickets.assign({ id: tkb.otherTicketId, assigneeId: null }))).code).toBe("NOT_FOUND");
    // B's technician is not A's staff: a clear NOT_FOUND, A's ticket unchanged.
    const f = await failure(aAdmin.tickets.assign({ id: tkb.aTicketId, assigneeId: b.tech.id }));
    expect(f).toMatchObject({ code: "NOT_FOUND", fields: { assigneeId: "Not a staff member of your company." } });
  },
  "tickets.reroute": async () => {
    expect((await failure(aAdmin.tickets.reroute({ id: tkb.otherTicketId }))).code).toBe("NOT_FOUND");
    // Routing at A never picks B's staff.
    const rerouted = await aAdmin.tickets.reroute({ id: tkb.aTicketId });
    await expectNoneOfB(rerouted);
    await expectNoneOfB(await aAdmin.tickets.get({ id: tkb.aTicketId }));
  },
  "tickets.merge": async () => {
    expect((await failure(aAdmin.tickets.merge({ sourceId: tkb.aTicketId, targetId: tkb.ticketId }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(aAdmin.tickets.merge({ sourceId: tkb.otherTicketId, targetId: tkb.aTicketId }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.watch": async () => {
    expect((await failure(aAdmin.tickets.watch({ ticketId: tkb.ticketId }))).code).toBe("NOT_FOUND");
  },
  "tickets.unwatch": async () => {
    expect((await failure(aAdmin.tickets.unwatch({ ticketId: tkb.ticketId }))).code).toBe("NOT_FOUND");
  },
  "tickets.addWatcher": async () => {
    expect((await failure(aAdmin.tickets.addWatcher({ ticketId: tkb.aTicketId, userId: b.tech.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(aAdmin.tickets.addWatcher({ ticketId: tkb.ticketId, userId: aAdmin.ctx.viewer!.userId }))).code,
    ).toBe("NOT_FOUND");
  },
  "tickets.removeWatcher": async () => {
    expect((await failure(aAdmin.tickets.removeWatcher({ ticketId: tkb.ticketId, userId: b.tech.id }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.canned.list": async () => {
    await expectNoneOfB(await aAdmin.tickets.canned.list({ includeArchived: true }));
  },
  "tickets.canned.create": async () => {
    // Titles are unique per company: B's title is free at A, and B's response is untouched.
    const own = await aAdmin.tickets.canned.create({ title: "Bravo zebrafruit greeting", body: "Alpha's own words." });
    expect(own.id).not.toBe(tkb.cannedId);
    await aAdmin.tickets.canned.setArchived({ id: own.id, archived: true });
    expect(
      (await failure(aAdmin.tickets.canned.create({ title: "Cross category", body: "Hi", categoryId: tkb.categoryId })))
        .fields,
    ).toEqual({ categoryId: "No such category." });
  },
  "tickets.canned.update": async () => {
    expect(
      (await failure(aAdmin.tickets.canned.update({ id: tkb.cannedId, title: "Hijacked", body: "Hijacked" }))).code,
    ).toBe("NOT_FOUND");
  },
  "tickets.canned.setArchived": async () => {
    expect((await failure(aAdmin.tickets.canned.setArchived({ id: tkb.cannedId, archived: true }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "tickets.categories.list": async () => {
    const list = await aAdmin.tickets.categories.list({ includeArchived: true });
    expect(list.categories.map((c) => c.id)).toContain(tkb.aCategoryId);
    await expectNoneOfB(list);
  },
  "tickets.categories.create": async () => {
    const f = await failure(
      aAdmin.tickets.categories.create({ group: "TECHNICAL", name: "Alpha fibre cut", skillId: stb.skillId }),
    );
    expect(f.fields).toEqual({ skillId: "No such skill." });
  },
  "tickets.categories.update": async () => {
    expect(
      (await failure(aAdmin.tickets.categories.update({ id: tkb.categoryId, group: "TECHNICAL", name: "Hijacked" })))
        .code,
    ).toBe("NOT_FOUND");
  },
  "tickets.categories.setArchived": async () => {
    expect((await failure(aAdmin.tickets.categories.setArchived({ id: tkb.categoryId, archived: true }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "portal.tickets.options": async () => {
    const options = await aCustomerPortal.portal.tickets.options();
    expect(options.categories.map((c) => c.id)).toContain(tkb.aCategoryId);
    await expectNoneOfB(options);
  },
  "portal.tickets.list": async () => {
    const mine = await aCustomerPortal.portal.tickets.list({});
    expect(mine.rows.map((r) => r.id)).toContain(tkb.aTicketId);
    await expectNoneOfB(mine);
  },
  "portal.tickets.get": async () => {
    expect((await failure(aCustomerPortal.portal.tickets.get({ id: tkb.ticketId }))).code).toBe("NOT_FOUND");
    await expectNoneOfB(await aCustomerPortal.portal.tickets.get({ id: tkb.aTicketId }));
  },
  "portal.tickets.create": async () => {
    expect(
      (
        await failure(
          aCustomerPortal.portal.tickets.create({
            categoryId: tkb.categoryId,
            subject: "Cross category",
            description: "B's category.",
          }),
        )
      ).code,
    ).toBe("UNPROCESSABLE_CONTENT");
    expect(
      (
        await failure(
          aCustomerPortal.portal.tickets.create({
            categoryId: tkb.aCategoryId,
            subscriptionId: sb.subscriptionId,
            subject: "Cross line",
            description: "B's line.",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    const own = await aCustomerPortal.portal.tickets.create({
      categoryId: tkb.aCategoryId,
      subject: "Alpha portal ticket",
      description: "Opened in A's portal.",
    });
    await expectNoneOfB(own);
  },
  "portal.tickets.reply": async () => {
    expect(
      (await failure(aCustomerPortal.portal.tickets.reply({ ticketId: tkb.ticketId, body: "Injected" }))).code,
    ).toBe("NOT_FOUND");
  },
  "portal.tickets.rate": async () => {
    expect((await failure(aCustomerPortal.portal.tickets.rate({ ticketId: tkb.ticketId, rating: 1 }))).code).toBe(
      "NOT_FOUND",
    );
  },
  "portal.tickets.suggestArticles": async () => {
    const found = await aCustomerPortal.portal.tickets.suggestArticles({ text: "zebrafruit router restart" });
    expect(found.map((a) => a.id)).not.toContain(kbb.publicId);
    await expectNoneOfB(found);
  },
  "tickets.csat.peek": async () => {
    expect(await anonymousCaller(A.company).tickets.csat.peek({ token: tkb.csatToken })).toMatchObject({
      state: "unknown",
    });
    expect(await anonymousCaller(B.company).tickets.csat.peek({ token: tkb.csatToken })).toMatchObject({
      state: "open",
    });
  },
  "tickets.csat.submit": async () => {
    // B's link presented at A's address finds nothing; B's rating stays open.
    expect(
      (await failure(anonymousCaller(A.company).tickets.csat.submit({ token: tkb.csatToken, rating: 1 }))).code,
    ).toBe("NOT_FOUND");
  },
};

describe("signed in at company A, company B's data is out of reach", () => {
  it("every procedure of the router has an isolation case here", () => {
    const inRouter = listProcedures().map((p) => p.path);
    const missing = inRouter.filter((p) => !(p in cases));
    const stale = Object.keys(cases).filter((p) => !inRouter.includes(p));
    expect({ missing, stale }, "add a case for each new procedure to server/api/tenant-isolation.test.ts").toEqual({
      missing: [],
      stale: [],
    });
  });

  for (const [path, run] of Object.entries(cases)) {
    it(`${path} neither shows nor changes B's data`, async () => {
      const before = await snapshotB();
      await run();
      expect(await snapshotB()).toEqual(before);
    });
  }

  it("B's credentials do not sign in at A, and B's still work at B", async () => {
    await expect(
      verifyCredentials(A.company.id, { email: b.tech.email, password: TEST_PASSWORD }, "192.0.2.50"),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const user = await verifyCredentials(B.company.id, { email: b.tech.email, password: TEST_PASSWORD }, "192.0.2.50");
    expect(user.id).toBe(b.tech.id);
  });
});

describe("a session of company A replayed on company B's subdomain", () => {
  const replayed = (): Context => ({
    company: B.company,
    viewer: aAdmin.ctx.viewer,
    ip: "198.51.100.66",
    userAgent: "replay",
  });

  it("the viewer carries its company, and it is A", () => {
    expect(aAdmin.ctx.viewer!.companyId).toBe(A.company.id);
  });

  it("is refused by every protected procedure, before any input is looked at", async () => {
    const before = await snapshotB();
    const caller = createCaller(replayed());
    const protectedPaths = listProcedures()
      .filter((p) => p.meta?.access === "permission")
      .map((p) => p.path);
    expect(protectedPaths.length).toBeGreaterThan(10);
    const answers: Record<string, string> = {};
    for (const path of protectedPaths) answers[path] = (await failure(callPath(caller, path, {}))).code;
    expect(answers).toEqual(Object.fromEntries(protectedPaths.map((p) => [p, "UNAUTHORIZED"])));
    expect(await snapshotB()).toEqual(before);
  });

  it("cannot list, read or change B's users", async () => {
    const caller = createCaller(replayed());
    expect((await failure(caller.users.list({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.get({ id: b.tech.id }))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.setStatus({ userId: b.tech.id, status: "DISABLED" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  });
});

describe("a RADIUS server key of company B presented on company A's address", () => {
  const rlm = {
    "User-Name": { type: "string", value: ["bravo-subscriber"] },
    "Acct-Status-Type": { type: "integer", value: ["Start"] },
    "Acct-Session-Id": { type: "string", value: ["cross-1"] },
  };

  it("is refused by every RADIUS endpoint, and nothing is written at A or at B", async () => {
    const before = await snapshotB();
    const aSessions = () => withTenant(A.company.id, (tx) => tx.radiusSession.count());
    const aBefore = await aSessions();
    for (const route of [radiusRest.authorize, radiusRest.postAuth, radiusRest.accounting]) {
      const res = await call(route, { host: hostOf(A.company.slug), token: rb.secret, body: rlm });
      expect(res.status, route.spec.path).toBe(401);
      expect(res.body.error.code, route.spec.path).toBe("UNAUTHORIZED");
    }
    expect(await aSessions()).toBe(aBefore);
    expect(await snapshotB()).toEqual(before);
  });

  it("is accepted on B's own address", async () => {
    const res = await call(radiusRest.authorize, {
      host: hostOf(B.company.slug),
      token: rb.secret,
      body: { "User-Name": "nobody-at-bravo" },
    });
    // The key is good: the answer is about the subscriber (unknown), not about the key.
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ "reply:Reply-Message": { op: ":=", value: "Unknown username.", do_xlat: false } });
  });
});
