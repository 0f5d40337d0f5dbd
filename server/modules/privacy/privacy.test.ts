import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { verifyCredentials } from "../auth/credentials";
import { run as billingRun } from "../billing/run";
import { activeSubscriber, setUpBilling } from "../billing/testing";
import { failure } from "../../test/trpc";
import { packageInput } from "../subscriptions/testing";

// A customer's data export and erasure, on a customer with a bit of everything: an e-mail changed
// once, a portal sign-in, a subscription with usage and RADIUS sessions, a ticket with the
// customer's and staff's public replies and an internal note, a service request, a work order,
// an invoice from a billing run (a neighbour has one too) and a tax exemption.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

const PERSON = {
  firstName: "Wairimu",
  lastName: "Gathoni",
  oldEmail: "wairimu.old@mailbox.example",
  email: "wairimu.gathoni@mailbox.example",
  phone: "+254 733 908 172",
  phoneDigits: "733908172",
  address: "17 Jacaranda Lane, Kileleshwa",
};
const STAFF_ONLY = {
  notes: "Suspected fraud: ID did not match",
  tag: "fraud-watch",
  taxId: "P051999888Q",
  idDocumentNumber: "ID-77665544",
  internalNote: "Internal: check her payment history before replying",
};

let co: Company;
let admin: Caller;
let manager: Caller;
let technician: Caller;
let portal: Caller;
let customerId: string;
let subscriptionId: string;
let ticketId: string;
let otherCustomerEmail: string;
let otherInvoiceId: string;
const EXEMPTION_CERTIFICATE = "EXC-2026-0042";
let otherCompanyEmail: string;

const decode = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");

function unzipAll(file: { base64: string }): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "export-"));
  const zipPath = path.join(dir, "export.zip");
  writeFileSync(zipPath, Buffer.from(file.base64, "base64"));
  execFileSync("unzip", ["-q", zipPath, "-d", path.join(dir, "out")]);
  return Object.fromEntries(
    readdirSync(path.join(dir, "out")).map((name) => [name, readFileSync(path.join(dir, "out", name), "utf8")]),
  );
}

beforeAll(async () => {
  co = await makeCompany("privacy-isp");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
  manager = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  technician = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);

  const customer = await admin.customers.create({
    firstName: PERSON.firstName,
    lastName: PERSON.lastName,
    email: PERSON.oldEmail,
    phone: PERSON.phone,
    serviceAddress: PERSON.address,
    taxId: STAFF_ONLY.taxId,
    idDocumentType: "NATIONAL_ID",
    idDocumentNumber: STAFF_ONLY.idDocumentNumber,
    notes: STAFF_ONLY.notes,
    tags: [STAFF_ONLY.tag],
  });
  customerId = customer.id;
  // The old address lives on in the audit trail's "before" of this change.
  await admin.customers.update({ ...customer, id: customerId, email: PERSON.email });

  const user = await makeUser(co.company.id, "CUSTOMER", {
    email: PERSON.email,
    name: `${PERSON.firstName} ${PERSON.lastName}`,
  });
  await withTenant(co.company.id, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
  portal = await callerAs(co.company, user.id);

  const pkg = await admin.packages.create(packageInput("PPPOE"));
  subscriptionId = (
    await admin.subscriptions.create({
      customerId,
      packageId: pkg.id,
      startDate: "2026-11-01",
      installationAddress: PERSON.address,
    })
  ).subscription.id;
  await admin.subscriptions.activate({ id: subscriptionId });
  await withTenant(co.company.id, async (tx) => {
    await tx.usageDaily.create({
      data: {
        companyId: co.company.id,
        subscriptionId,
        day: new Date("2026-11-20"),
        downloadBytes: 5_000_000_000n,
        uploadBytes: 700_000_000n,
      },
    });
    await tx.radiusSession.create({
      data: {
        id: newId(),
        companyId: co.company.id,
        acctSessionId: "sess-1",
        username: "wg-line-1",
        subscriptionId,
        nasIp: "10.0.0.1",
        framedIp: "100.64.3.9",
        callingStation: "AA:BB:CC:11:22:33",
        startedAt: new Date("2026-11-20T08:00:00Z"),
        updatedAt: new Date("2026-11-20T09:00:00Z"),
        stoppedAt: new Date("2026-11-20T09:00:00Z"),
        inputBytes: 1_000n,
        outputBytes: 2_000n,
        sessionSeconds: 3600,
      },
    });
  });

  const { categories } = await portal.portal.tickets.options();
  ticketId = (
    await portal.portal.tickets.create({
      categoryId: categories[0]!.id,
      subscriptionId,
      subject: "Slow internet in the evenings",
      description: `It is slow after 7pm. Call me on ${PERSON.phone}.`,
    })
  ).id;
  await admin.tickets.reply({ ticketId, body: `Hello ${PERSON.firstName}, we are checking the line.` });
  await admin.tickets.addNote({ ticketId, body: STAFF_ONLY.internalNote });
  await portal.portal.tickets.reply({ ticketId, body: "Thank you, it is still slow tonight." });

  await portal.portal.requestChange({
    subscriptionId,
    kind: "RELOCATION",
    newAddress: "4 Mvule Close, Lavington",
    effectiveDate: "2099-01-01",
    note: "Moving house next year",
  });
  await admin.workOrders.create({
    kind: "REPAIR",
    title: `Check line for ${PERSON.firstName} ${PERSON.lastName}`,
    customerId,
    subscriptionId,
    address: PERSON.address,
    instructions: `Call ${PERSON.phone} before arriving.`,
    windowStart: "2026-11-25T09:00",
    windowEnd: "2026-11-25T11:00",
  });

  // November's invoice for her line and for a neighbour's, from one billing run.
  const [vat] = await setUpBilling(co.company.id);
  await admin.billing.exemptions.add({
    customerId,
    taxRateId: vat!.id,
    certificateRef: EXEMPTION_CERTIFICATE,
  });
  await setUpBilling(co.company.id, {}, [{ name: "Excise duty", rateBps: 1_500 }]);
  const neighbour = await activeSubscriber(co.company.id, pkg.id, "2026-11-01", { firstName: "Otieno" });
  await billingRun(co.company.id, {
    date: "2026-11-01",
    trigger: "MANUAL",
    actor: { type: "USER", id: null, label: "billing admin" },
  });
  otherInvoiceId = await withTenant(co.company.id, async (tx) => {
    const invoice = await tx.invoice.findFirstOrThrow({ where: { customerId: neighbour.customerId } });
    return invoice.id;
  });

  otherCustomerEmail = "neighbour@mailbox.example";
  await admin.customers.create({ firstName: "Njoki", lastName: "Neighbour", email: otherCustomerEmail });
  const other = await makeCompany("privacy-other");
  const otherAdmin = await callerAs(other.company, (await makeUser(other.company.id, "SUPER_ADMIN")).id);
  otherCompanyEmail = "elsewhere@mailbox.example";
  await otherAdmin.customers.create({ firstName: "Else", lastName: "Where", email: otherCompanyEmail });
}, 120_000);

describe("data export", () => {
  it("gives staff everything about the customer, and nothing of another customer or company", async () => {
    const file = await admin.privacy.exportCustomer({ id: customerId, format: "json" });
    expect(file.contentType).toBe("application/json");
    expect(file.filename).toMatch(/^acc-000001-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(decode(file));
    expect(data.profile).toMatchObject({
      firstName: PERSON.firstName,
      email: PERSON.email,
      phone: PERSON.phone,
      taxId: STAFF_ONLY.taxId,
    });
    expect(data.contacts).toContainEqual({ kind: "service address", value: PERSON.address });
    expect(data.consents.map((c: { name: string }) => c.name)).toEqual([
      "contactChannel",
      "paperlessBilling",
      "language",
    ]);
    expect(data.staffNotes).toEqual({ notes: STAFF_ONLY.notes, tags: [STAFF_ONLY.tag] });
    expect(data.portalAccount).toMatchObject({ email: PERSON.email, status: "ACTIVE" });
    expect(data.subscriptions).toHaveLength(1);
    expect(data.serviceRequests[0]).toMatchObject({ kind: "RELOCATION", newAddress: "4 Mvule Close, Lavington" });
    expect(data.tickets[0].messages.map((m: { body: string }) => m.body)).toEqual([
      `Hello ${PERSON.firstName}, we are checking the line.`,
      STAFF_ONLY.internalNote,
      "Thank you, it is still slow tonight.",
    ]);
    expect(data.workOrders[0]).toMatchObject({ kind: "REPAIR", address: PERSON.address });
    expect(data.usage).toEqual([
      { subscriptionId, month: "2026-11", days: 1, downloadBytes: "5000000000", uploadBytes: "700000000" },
    ]);
    expect(data.radiusSessions[0]).toMatchObject({ sessionSeconds: 3600, deviceAddress: "AA:BB:CC:11:22:33" });
    const actions = data.auditEntries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["customer.create", "customer.update"]));
    // The changed e-mail is part of what we hold: the audit entry still names it.
    expect(JSON.stringify(data.auditEntries)).toContain(PERSON.oldEmail);

    const text = decode(file);
    expect(text).not.toContain(otherCustomerEmail);
    expect(text).not.toContain("Neighbour");
    expect(text).not.toContain(otherCompanyEmail);
  });

  it("is written to the audit trail", async () => {
    await admin.privacy.exportCustomer({ id: customerId, format: "csv" });
    const entries = await admin.audit.list({ action: "customer.data_export", entityId: customerId });
    expect(entries.rows[0]).toMatchObject({ entityType: "Customer", after: { format: "csv", audience: "staff" } });
  });

  it("as CSV is a ZIP with one file per record type, formulas defused", async () => {
    await admin.tickets.addNote({ ticketId, body: '=HYPERLINK("http://evil.example","x")' });
    const file = await admin.privacy.exportCustomer({ id: customerId, format: "csv" });
    expect(file.contentType).toBe("application/zip");
    expect(file.filename).toMatch(/-csv\.zip$/);
    const files = unzipAll(file);
    expect(Object.keys(files).sort()).toEqual(
      [
        "README.txt",
        "audit-entries.csv",
        "consents.csv",
        "contacts.csv",
        "export.csv",
        "invoice-line-taxes.csv",
        "invoice-lines.csv",
        "invoices.csv",
        "lead.csv",
        "payment-arrangements.csv",
        "payment-notices.csv",
        "portal-account.csv",
        "profile.csv",
        "radius-sessions.csv",
        "service-requests.csv",
        "staff-notes.csv",
        "subscriptions.csv",
        "tax-exemptions.csv",
        "ticket-messages.csv",
        "tickets.csv",
        "usage-monthly.csv",
        "work-orders.csv",
      ].sort(),
    );
    expect(files["profile.csv"]).toContain(`email,${PERSON.email}`);
    expect(files["tickets.csv"]).toContain("Slow internet in the evenings");
    expect(files["ticket-messages.csv"]).toContain("Thank you, it is still slow tonight.");
    expect(files["ticket-messages.csv"]).toContain(`'=HYPERLINK`);
    expect(files["usage-monthly.csv"]).toContain("2026-11,1,5000000000,700000000");
  });

  it("from the portal leaves out what only staff see", async () => {
    const text = decode(await portal.privacy.exportMine({ format: "json" }));
    const data = JSON.parse(text);
    expect(data.export.audience).toBe("customer");
    expect(data.profile.email).toBe(PERSON.email);
    expect(data.tickets[0].messages.map((m: { body: string }) => m.body)).toEqual([
      `Hello ${PERSON.firstName}, we are checking the line.`,
      "Thank you, it is still slow tonight.",
    ]);
    expect(data.auditEntries.length).toBeGreaterThan(0);
    expect(Object.keys(data.auditEntries[0]).sort()).toEqual(["action", "at", "by", "entityType"]);
    for (const secret of [...Object.values(STAFF_ONLY), "HYPERLINK", "10.0.0.1"]) expect(text).not.toContain(secret);
    expect(data).not.toHaveProperty("staffNotes");
    expect(data).not.toHaveProperty("lead");

    const files = unzipAll(await portal.privacy.exportMine({ format: "csv" }));
    expect(Object.keys(files)).not.toContain("staff-notes.csv");
    for (const body of Object.values(files))
      for (const secret of Object.values(STAFF_ONLY)) expect(body).not.toContain(secret);
  });

  it("holds the customer's invoices with their lines and taxes, and her tax exemption, not the neighbour's", async () => {
    const text = decode(await admin.privacy.exportCustomer({ id: customerId, format: "json" }));
    const data = JSON.parse(text);
    expect(data.invoices).toHaveLength(1);
    const [invoice] = data.invoices;
    expect(invoice).toMatchObject({
      number: "INV-00001",
      status: "OPEN",
      issueDate: "2026-11-01",
      periodStart: "2026-11-01",
      periodEnd: "2026-11-30",
      companyTaxNumber: "P051234567X",
      // The tax id as issued: staff see it opened.
      customerTaxNumber: STAFF_ONLY.taxId,
      billingRunId: expect.any(String),
    });
    // November in full: 2,500 and 15 % excise duty.
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]).toMatchObject({
      position: 1,
      kind: "RECURRING",
      subscriptionId,
      netMinor: 2_500,
      taxMinor: 375,
      totalMinor: 2_875,
      rule: expect.stringContaining("exempt from VAT"),
    });
    // Exempt from VAT, so only the excise duty is charged.
    expect(invoice.lines[0].taxes).toEqual([
      expect.objectContaining({ name: "Excise duty", rateBps: 1_500, taxRateId: expect.any(String) }),
    ]);
    expect(invoice).toMatchObject({ subtotalMinor: 2_500, taxMinor: 375, totalMinor: 2_875 });
    expect(data.taxExemptions).toEqual([
      expect.objectContaining({ tax: "VAT", rateBps: 1_600, certificateRef: EXEMPTION_CERTIFICATE }),
    ]);
    expect(data.auditEntries.map((e: { action: string }) => e.action)).toContain("billing.invoice_issue");
    expect(text).not.toContain(otherInvoiceId);
    expect(text).not.toContain("INV-00002");

    const files = unzipAll(await admin.privacy.exportCustomer({ id: customerId, format: "csv" }));
    const [invoiceHeader, invoiceRow, ...moreInvoices] = files["invoices.csv"]!.trim().split(/\r?\n/);
    expect(moreInvoices).toEqual([]);
    expect(invoiceHeader!.split(",")).toEqual(expect.arrayContaining(["number", "totalMinor", "customerTaxNumber"]));
    expect(invoiceRow).toContain(`INV-00001`);
    expect(invoiceRow).toContain(",2500,0,375,2875,0,");
    expect(invoiceRow).not.toContain(otherInvoiceId);
    const lineRows = files["invoice-lines.csv"]!.trim().split(/\r?\n/);
    expect(lineRows).toHaveLength(invoice.lines.length + 1);
    expect(lineRows[0]!.startsWith("invoice,position,kind")).toBe(true);
    expect(lineRows.slice(1).every((r) => r.startsWith("INV-00001,"))).toBe(true);
    expect(files["invoice-line-taxes.csv"]).toContain("INV-00001,1,Excise duty,1500,2500,375");
    expect(files["tax-exemptions.csv"]).toContain(EXEMPTION_CERTIFICATE);
  });

  it("from the portal holds her invoices as she sees them, without billing's internals", async () => {
    const text = decode(await portal.privacy.exportMine({ format: "json" }));
    const data = JSON.parse(text);
    expect(data.invoices).toHaveLength(1);
    expect(data.invoices[0]).toMatchObject({ number: "INV-00001", status: "OPEN" });
    expect(data.invoices[0]).not.toHaveProperty("billingRunId");
    expect(data.invoices[0]).not.toHaveProperty("voidReason");
    expect(data.invoices[0]).not.toHaveProperty("customerTaxNumber");
    expect(data.invoices[0].lines[0].taxes[0]).not.toHaveProperty("taxRateId");
    expect(data.taxExemptions[0]).toMatchObject({ tax: "VAT", certificateRef: EXEMPTION_CERTIFICATE });
    expect(text).not.toContain(otherInvoiceId);
    const files = unzipAll(await portal.privacy.exportMine({ format: "csv" }));
    expect(files["invoices.csv"]).toContain("INV-00001");
    expect(files["invoices.csv"]).not.toContain("billingRunId");
    expect(files["invoice-lines.csv"]).toContain("INV-00001,1,RECURRING,");
  });

  it("is refused without the permission", async () => {
    expect((await manager.privacy.exportCustomer({ id: customerId })).filename).toContain(".json");
    expect((await failure(technician.privacy.exportCustomer({ id: customerId }))).code).toBe("FORBIDDEN");
    expect((await failure(portal.privacy.exportCustomer({ id: customerId }))).code).toBe("FORBIDDEN");
    expect((await failure(admin.privacy.exportMine({ format: "json" }))).code).toBe("FORBIDDEN");
  });
});

/** Tables erasure touches, with every text-like column of each. */
const TOUCHED = [
  "Customer",
  "User",
  "Invitation",
  "LoginAttempt",
  "EmailVerification",
  "Subscription",
  "SubscriptionEvent",
  "ServiceRequest",
  "Ticket",
  "TicketComment",
  "TicketEvent",
  "WorkOrder",
  "SignalMeasurement",
  "Lead",
  "LeadActivity",
  "RadiusSession",
  "Notification",
  "OutboundEmail",
  "AuditEntry",
  "Attachment",
];

async function whereFound(needles: string[]): Promise<string[]> {
  return withTenant(co.company.id, async (tx) => {
    const columns = await tx.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ANY($1)
          AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
      TOUCHED,
    );
    expect(new Set(columns.map((c) => c.table_name)).size).toBe(TOUCHED.length);
    const found: string[] = [];
    for (const { table_name, column_name } of columns)
      for (const needle of needles) {
        const [{ n }] = await tx.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`,
          `%${needle}%`,
        );
        if (n > 0n) found.push(`${table_name}.${column_name} has ${needle}`);
      }
    return found;
  });
}

const counts = () =>
  withTenant(co.company.id, async (tx) => ({
    audit: await tx.auditEntry.count(),
    customers: await tx.customer.count(),
    subscriptions: await tx.subscription.count(),
    subscriptionEvents: await tx.subscriptionEvent.count(),
    tickets: await tx.ticket.count(),
    comments: await tx.ticketComment.count(),
    serviceRequests: await tx.serviceRequest.count(),
    workOrders: await tx.workOrder.count(),
    usage: await tx.usageDaily.count(),
    sessions: await tx.radiusSession.count(),
    // Financial records: erasure keeps every invoice, line and amount as issued.
    invoices: await tx.invoice.count(),
    invoiceLines: await tx.invoiceLine.count(),
    invoiceLineTaxes: await tx.invoiceLineTax.count(),
    taxExemptions: await tx.taxExemption.count(),
    invoiceTotals: await tx.invoice.aggregate({ _sum: { subtotalMinor: true, taxMinor: true, totalMinor: true } }),
    customerTaxNumber: await tx.invoice.findMany({
      where: { customerId },
      select: { customerTaxNumberSealed: true },
    }),
  }));

describe("erasure", () => {
  it("is refused while a subscription is live, and with the wrong account number", async () => {
    const live = await failure(admin.privacy.eraseCustomer({ id: customerId, confirmAccountNo: "ACC-000001" }));
    expect(live.code).toBe("CONFLICT");
    expect(live.message).toMatch(/Terminate them first/);
    const typo = await failure(admin.privacy.eraseCustomer({ id: customerId, confirmAccountNo: "ACC-000002" }));
    expect(typo.code).toBe("UNPROCESSABLE_CONTENT");
    expect(typo.message).toContain("ACC-000001");
    expect((await admin.customers.get({ id: customerId })).email).toBe(PERSON.email);
  });

  it("needs privacy:erase, which only the Super Admin holds", async () => {
    for (const caller of [manager, technician, portal]) {
      const refused = await failure(caller.privacy.eraseCustomer({ id: customerId, confirmAccountNo: "ACC-000001" }));
      expect(refused.code).toBe("FORBIDDEN");
    }
  });

  it("leaves no personal value of the customer anywhere, and every record counted", async () => {
    await admin.subscriptions.terminate({ id: subscriptionId, reason: "Moving abroad" });
    const needles = [
      PERSON.firstName,
      PERSON.lastName,
      PERSON.email,
      PERSON.oldEmail,
      PERSON.phone,
      PERSON.phoneDigits,
    ];
    expect((await whereFound(needles)).length).toBeGreaterThan(10);
    const before = await counts();

    const result = await admin.privacy.eraseCustomer({ id: customerId, confirmAccountNo: " acc-000001 " });
    expect(result).toMatchObject({ accountNo: "ACC-000001", alreadyErased: false });

    expect(
      await whereFound([...needles, PERSON.address, STAFF_ONLY.taxId, STAFF_ONLY.idDocumentNumber, "AA:BB:CC"]),
    ).toEqual([]);
    // Every record is still there; the audit trail has one entry more: the erasure itself.
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });

    const erased = await admin.customers.get({ id: customerId });
    expect(erased).toMatchObject({
      accountNo: "ACC-000001",
      displayName: "Erased customer",
      email: null,
      phone: null,
      taxId: null,
      idDocumentNumber: null,
      notes: null,
      tags: [],
    });
    expect(erased.erasedAt).toBeInstanceOf(Date);
    const entry = (await admin.audit.list({ action: "customer.erase" })).rows[0];
    expect(entry).toMatchObject({ entityId: customerId, actorType: "USER", after: { accountNo: "ACC-000001" } });
    expect(entry?.actorId).toBeTruthy();
  });

  it("keeps what staff wrote, without the person in it", async () => {
    const data = JSON.parse(decode(await admin.privacy.exportCustomer({ id: customerId, format: "json" })));
    expect(data.tickets[0].description).toBe("[erased]");
    expect(data.tickets[0].messages.map((m: { body: string }) => m.body)).toEqual([
      "Hello [redacted], we are checking the line.",
      STAFF_ONLY.internalNote,
      "[erased]",
      '=HYPERLINK("http://evil.example","x")',
    ]);
    expect(data.workOrders[0]).toMatchObject({ title: "Check line for [redacted]", address: "[erased]" });
    expect(data.usage).toHaveLength(1);
    expect(data.radiusSessions[0]).toMatchObject({ sessionSeconds: 3600, deviceAddress: null });
    // The invoice as issued, tax id included: tax law keeps it, sealed, for as long as it must.
    expect(data.invoices).toHaveLength(1);
    expect(data.invoices[0]).toMatchObject({ number: "INV-00001", customerTaxNumber: STAFF_ONLY.taxId });
  });

  it("signs the customer out for good", async () => {
    const userId = (await admin.customers.get({ id: customerId })).userId!;
    const account = await withTenant(co.company.id, async (tx) => ({
      user: await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { status: true, email: true } }),
      liveSessions: await tx.userSession.count({ where: { userId, revokedAt: null } }),
    }));
    expect(account).toEqual({
      user: { status: "DISABLED", email: expect.stringMatching(/@erased\.invalid$/) },
      liveSessions: 0,
    });
    await expect(
      verifyCredentials(co.company.id, { email: PERSON.email, password: TEST_PASSWORD }, "203.0.113.9"),
    ).rejects.toThrow();
  });

  it("is harmless the second time", async () => {
    const before = await counts();
    const again = await admin.privacy.eraseCustomer({ id: customerId, confirmAccountNo: "ACC-000001" });
    expect(again).toMatchObject({ alreadyErased: true });
    expect(await counts()).toEqual(before);
  });

  it("records one erasure when two staff erase the same customer at once", async () => {
    const twin = await admin.customers.create({
      firstName: "Baraka",
      lastName: "Twice",
      email: "baraka@mailbox.example",
    });
    const confirm = { id: twin.id, confirmAccountNo: twin.accountNo };
    const results = await Promise.all([admin.privacy.eraseCustomer(confirm), admin.privacy.eraseCustomer(confirm)]);
    expect(results.map((r) => r.alreadyErased).sort()).toEqual([false, true]);
    expect((await admin.audit.list({ action: "customer.erase", entityId: twin.id })).total).toBe(1);
  });

  it("leaves other customers alone", async () => {
    const page = await admin.customers.list({ search: "neighbour" });
    expect(page.rows[0]).toMatchObject({ email: otherCustomerEmail, lastName: "Neighbour" });
  });
});
