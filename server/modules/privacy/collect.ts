import { billingRecordsForExport } from "../billing/export";
import { dunningRecordsForExport } from "../dunning/export";
import { customerSelfSchema, formatAccountNumber } from "../customers/schema";
import * as customers from "../customers/service";
import type { Scope } from "../scope";
import { formatTicketNumber } from "../tickets/schema";
import { formatWorkOrderNumber } from "../work-orders/schema";
import { walletRecordsForExport } from "../wallet/export";

// Everything we hold about one customer (GDPR right of access), gathered as one document.
// Two audiences: "staff" (the console: the whole record, internal notes and the audit trail
// included) and "customer" (the portal: what the portal already shows them, so the same
// staff-only content stays out: internal notes and staff-only ticket messages, tags, ID document
// and tax fields, staff identities in the audit trail). Each record type lists its fields
// explicitly: a new column reaches an export only when it is added here on purpose.

export type Audience = "staff" | "customer";

/** Enough for years of history; an export is one customer's data, not a table dump. */
const MAX_ROWS = 50_000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export async function collect(scope: Scope, customerId: string, audience: Audience, now = new Date()) {
  const staff = audience === "staff";
  const customer = await customers.get(scope, customerId);
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { name: true },
  });

  const profile = staff
    ? {
        ...customerSelfSchema.parse(customer),
        taxId: customer.taxId,
        idDocumentType: customer.idDocumentType,
        idDocumentNumber: customer.idDocumentNumber,
        serviceLatitude: customer.serviceLatitude,
        serviceLongitude: customer.serviceLongitude,
        erasedAt: iso(customer.erasedAt),
        createdAt: iso(customer.createdAt),
        updatedAt: iso(customer.updatedAt),
      }
    : { ...customerSelfSchema.parse(customer), createdAt: iso(customer.createdAt) };

  const contacts = [
    { kind: "email", value: customer.email },
    { kind: "phone", value: customer.phone },
    { kind: "alternative phone", value: customer.altPhone },
    { kind: "service address", value: customer.serviceAddress },
    { kind: "billing address", value: customer.billingAddress },
  ].filter((c): c is { kind: string; value: string } => !!c.value);

  // What the customer chose about being contacted and billed: their consents and preferences.
  const consents = [
    { name: "contactChannel", value: customer.contactChannel, meaning: "How we contact you" },
    { name: "paperlessBilling", value: customer.paperlessBilling, meaning: "Invoices by e-mail instead of paper" },
    { name: "language", value: customer.language, meaning: "Language of our messages" },
  ];

  const user = customer.userId
    ? await scope.tx.user.findUnique({
        where: { id: customer.userId },
        select: {
          email: true,
          name: true,
          status: true,
          emailUnverified: true,
          totpEnabledAt: true,
          lastLoginAt: true,
          createdAt: true,
        },
      })
    : null;
  const portalAccount = user && {
    email: user.email,
    name: user.name,
    status: user.status,
    emailVerified: !user.emailUnverified,
    twoFactorEnabled: !!user.totpEnabledAt,
    lastSignInAt: iso(user.lastLoginAt),
    createdAt: iso(user.createdAt),
  };

  const subs = await scope.tx.subscription.findMany({
    where: { customerId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      quantity: true,
      startDate: true,
      contractEndDate: true,
      pppoeUsername: true,
      staticIp: true,
      installationAddress: true,
      cpeSerial: true,
      createdAt: true,
      package: { select: { name: true, code: true } },
    },
  });
  const subscriptionIds = subs.map((s) => s.id);
  const subscriptions = subs.map((s) => ({
    id: s.id,
    package: s.package.name,
    packageCode: s.package.code,
    status: s.status,
    quantity: s.quantity,
    startDate: day(s.startDate),
    contractEndDate: day(s.contractEndDate),
    pppoeUsername: s.pppoeUsername,
    staticIp: s.staticIp,
    installationAddress: s.installationAddress,
    ...(staff ? { cpeSerial: s.cpeSerial } : {}),
    createdAt: iso(s.createdAt),
  }));

  const requests = await scope.tx.serviceRequest.findMany({
    where: { customerId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      subscriptionId: true,
      kind: true,
      status: true,
      newAddress: true,
      effectiveDate: true,
      note: true,
      decisionNote: true,
      decidedAt: true,
      appliedAt: true,
      createdAt: true,
      package: { select: { name: true } },
    },
  });
  const serviceRequests = requests.map((r) => ({
    id: r.id,
    subscriptionId: r.subscriptionId,
    kind: r.kind,
    status: r.status,
    package: r.package?.name ?? null,
    newAddress: r.newAddress,
    effectiveDate: day(r.effectiveDate),
    note: r.note,
    decisionNote: r.decisionNote,
    decidedAt: iso(r.decidedAt),
    appliedAt: iso(r.appliedAt),
    createdAt: iso(r.createdAt),
  }));

  const ticketRows = await scope.tx.ticket.findMany({
    where: { customerId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      subject: true,
      description: true,
      status: true,
      priority: true,
      channel: true,
      subscriptionId: true,
      createdAt: true,
      resolvedAt: true,
      closedAt: true,
      csatRating: true,
      csatComment: true,
      category: { select: { name: true } },
      comments: {
        // The portal's rule: internal notes never leave the staff side.
        where: staff ? {} : { visibility: "PUBLIC" },
        orderBy: { createdAt: "asc" },
        select: { id: true, authorType: true, visibility: true, body: true, createdAt: true },
      },
      attachments: { select: { fileName: true, contentType: true, sizeBytes: true, commentId: true } },
    },
  });
  const tickets = ticketRows.map((t) => ({
    id: t.id,
    number: formatTicketNumber(t.number),
    subject: t.subject,
    description: t.description,
    category: t.category.name,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    subscriptionId: t.subscriptionId,
    createdAt: iso(t.createdAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    satisfactionRating: t.csatRating,
    satisfactionComment: t.csatComment,
    messages: t.comments.map((c) => ({
      id: c.id,
      from: c.authorType.toLowerCase(),
      ...(staff ? { visibility: c.visibility } : {}),
      body: c.body,
      createdAt: iso(c.createdAt),
    })),
    // The files' names and sizes; the files themselves stay on the ticket, where they can be opened.
    files: t.attachments
      .filter((a) => staff || !a.commentId || t.comments.some((c) => c.id === a.commentId))
      .map((a) => ({ fileName: a.fileName, contentType: a.contentType, sizeBytes: a.sizeBytes })),
  }));

  const orders = await scope.tx.workOrder.findMany({
    where: { customerId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      kind: true,
      status: true,
      title: true,
      instructions: true,
      address: true,
      windowStart: true,
      windowEnd: true,
      arrivedAt: true,
      completedAt: true,
      completionNotes: true,
      signedByName: true,
      signedAt: true,
      cancelReason: true,
      subscriptionId: true,
      equipment: { select: { action: true, description: true, serial: true } },
    },
  });
  const workOrders = orders.map((w) => ({
    id: w.id,
    number: formatWorkOrderNumber(w.number),
    kind: w.kind,
    status: w.status,
    title: w.title,
    address: w.address,
    subscriptionId: w.subscriptionId,
    windowStart: iso(w.windowStart),
    windowEnd: iso(w.windowEnd),
    arrivedAt: iso(w.arrivedAt),
    completedAt: iso(w.completedAt),
    signedByName: w.signedByName,
    signedAt: iso(w.signedAt),
    // Instructions and notes are written by and for the field team.
    ...(staff
      ? { instructions: w.instructions, completionNotes: w.completionNotes, cancelReason: w.cancelReason }
      : {}),
    equipment: w.equipment.map((e) => `${e.action} ${e.description} (${e.serial})`).join("; "),
  }));

  // Usage by calendar month (UTC) per subscription: the summary, not every day.
  const daily = subscriptionIds.length
    ? await scope.tx.usageDaily.findMany({
        where: { subscriptionId: { in: subscriptionIds } },
        orderBy: [{ subscriptionId: "asc" }, { day: "asc" }],
        select: { subscriptionId: true, day: true, downloadBytes: true, uploadBytes: true },
        take: MAX_ROWS,
      })
    : [];
  const months = new Map<
    string,
    { subscriptionId: string; month: string; downloadBytes: bigint; uploadBytes: bigint; days: number }
  >();
  for (const d of daily) {
    const month = d.day.toISOString().slice(0, 7);
    const key = `${d.subscriptionId} ${month}`;
    const m = months.get(key) ?? {
      subscriptionId: d.subscriptionId,
      month,
      downloadBytes: 0n,
      uploadBytes: 0n,
      days: 0,
    };
    m.downloadBytes += d.downloadBytes;
    m.uploadBytes += d.uploadBytes;
    m.days += 1;
    months.set(key, m);
  }
  const usage = [...months.values()].map((m) => ({
    ...m,
    downloadBytes: m.downloadBytes.toString(),
    uploadBytes: m.uploadBytes.toString(),
  }));

  const sessions = subscriptionIds.length
    ? await scope.tx.radiusSession.findMany({
        where: { subscriptionId: { in: subscriptionIds } },
        orderBy: { startedAt: "asc" },
        take: MAX_ROWS,
        select: {
          subscriptionId: true,
          username: true,
          startedAt: true,
          stoppedAt: true,
          sessionSeconds: true,
          inputBytes: true,
          outputBytes: true,
          framedIp: true,
          callingStation: true,
          nasIp: true,
          terminateCause: true,
        },
      })
    : [];
  const radiusSessions = sessions.map((s) => ({
    subscriptionId: s.subscriptionId,
    username: s.username,
    startedAt: iso(s.startedAt),
    stoppedAt: iso(s.stoppedAt),
    sessionSeconds: s.sessionSeconds,
    // RADIUS counts from the NAS's side: input is what the customer sent (upload).
    uploadBytes: s.inputBytes.toString(),
    downloadBytes: s.outputBytes.toString(),
    ipAddress: s.framedIp,
    deviceAddress: s.callingStation,
    ...(staff ? { nasIp: s.nasIp } : {}),
    terminateCause: s.terminateCause,
  }));

  const lead = staff
    ? await scope.tx.lead.findUnique({
        where: { customerId },
        select: { id: true, source: true, stage: true, createdAt: true, convertedAt: true },
      })
    : null;

  const { invoices, taxExemptions } = await billingRecordsForExport(scope, customerId, audience);
  const { paymentArrangements, dunningNotices } = await dunningRecordsForExport(scope, customerId, audience);
  const { walletEntries, prepaidTerms } = await walletRecordsForExport(scope, customerId, audience);

  // Audit entries about the customer, anything of theirs, or done with their own sign-in.
  const entityIds = [
    customerId,
    ...subscriptionIds,
    ...serviceRequests.map((r) => r.id),
    ...tickets.map((t) => t.id),
    ...workOrders.map((w) => w.id),
    ...invoices.map((i) => i.id),
    ...taxExemptions.map((e) => e.id),
    ...paymentArrangements.map((a) => a.id),
    ...walletEntries.map((e) => e.id),
    ...prepaidTerms.map((t) => t.id),
    ...(customer.userId ? [customer.userId] : []),
    ...(lead ? [lead.id] : []),
  ];
  const entries = await scope.tx.auditEntry.findMany({
    where: {
      OR: [{ entityId: { in: entityIds } }, ...(customer.userId ? [{ actorId: customer.userId }] : [])],
    },
    orderBy: { createdAt: "asc" },
    take: MAX_ROWS,
  });
  const auditEntries = entries.map((e) =>
    staff
      ? {
          at: iso(e.createdAt),
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          actorType: e.actorType,
          actor: e.actorLabel,
          // A staff member's address is theirs, not the customer's: only the customer's own is exported.
          ip: customer.userId && e.actorId === customer.userId ? e.ip : null,
          before: e.before,
          after: e.after,
        }
      : {
          // The customer learns what was done and by whom in kind (staff, system, themselves);
          // staff names and the before/after snapshots (which hold staff-only fields) stay inside.
          at: iso(e.createdAt),
          action: e.action,
          entityType: e.entityType,
          by: customer.userId && e.actorId === customer.userId ? "you" : e.actorType === "USER" ? "staff" : "system",
        },
  );

  return {
    export: {
      kind: "lastmile.customer-data-export",
      version: 1,
      audience,
      company: company.name,
      accountNo: formatAccountNumber(customer.accountNumber),
      exportedAt: now.toISOString(),
    },
    profile,
    contacts,
    consents,
    ...(staff
      ? {
          staffNotes: { notes: customer.notes, tags: customer.tags },
          lead: lead && { ...lead, createdAt: iso(lead.createdAt), convertedAt: iso(lead.convertedAt) },
        }
      : {}),
    portalAccount,
    subscriptions,
    serviceRequests,
    tickets,
    workOrders,
    usage,
    radiusSessions,
    invoices,
    taxExemptions,
    paymentArrangements,
    dunningNotices,
    walletEntries,
    prepaidTerms,
    auditEntries,
  };
}

export type CustomerDataExport = Awaited<ReturnType<typeof collect>>;
