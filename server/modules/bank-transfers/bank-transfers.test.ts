import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { creditBalance } from "../billing/credit";
import { invoiceNumber } from "../billing/schema";
import { formatAccountNumber } from "../customers/schema";
import { invoiceState, openInvoice } from "../payments/testing";
import * as payments from "../payments/service";
import * as storage from "../storage/service";
import { makeCustomer } from "../subscriptions/testing";

// The bank-statement import and proofs of transfer, through the procedures staff and customers use.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let billing: Caller;
let reader: Caller;
let portal: Caller;
let portalUserId: string;
let jane: Awaited<ReturnType<typeof makeCustomer>>;
let kamau: Awaited<ReturnType<typeof makeCustomer>>;

const MAPPING = { date: "Value Date", amount: "Credit", reference: "Reference", description: "Narrative" };
const statement = (...rows: string[]) => ["Value Date,Credit,Reference,Narrative", ...rows].join("\n");
const asSystem = { type: "SYSTEM" as const };
const listPayments = (input: Parameters<typeof payments.list>[1]) =>
  withTenant(co.company.id, (tx) => payments.list({ tx, companyId: co.company.id, actor: asSystem }, input));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

beforeAll(async () => {
  co = await makeCompany("bank-transfers");
  billing = await callerAs(co.company, (await makeUser(co.company.id, "BILLING_ADMIN")).id);
  reader = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  jane = await makeCustomer(co.company.id, { firstName: "Jane" });
  kamau = await makeCustomer(co.company.id, { firstName: "Kamau" });
  const user = await makeUser(co.company.id, "CUSTOMER", { email: "kamau@example.com" });
  portalUserId = user.id;
  await withTenant(co.company.id, (tx) => tx.customer.update({ where: { id: kamau.id }, data: { userId: user.id } }));
  portal = await callerAs(co.company, user.id);
});

describe("bank-statement import", () => {
  it("maps the columns, matches by invoice and account number, and lists what it could not match", async () => {
    const invoice = await openInvoice(co.company.id, jane.id, { totalMinor: 11_600, dueDate: "2026-03-15" });
    const number = invoiceNumber("INV-", invoice.number);
    const csv = statement(
      `2026-03-02,116.00,FT2603020001,Payment ${number}`,
      `2026-03-02,"1,500.00",FT2603020002,${formatAccountNumber(kamau.accountNumber)} March`,
      `2026-03-03,40.00,FT2603030003,Cash deposit`,
      `2026-03-03,-25.00,CHG0001,Bank charges`,
      `03/03/2026,abc,FT2603030004,Broken line`,
    );

    const headers = await billing.bankTransfers.statement.headers({ csv });
    expect(headers.headers).toEqual(["Value Date", "Credit", "Reference", "Narrative"]);

    const dry = await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING });
    expect(dry.lines.map((l) => [l.line, l.state, l.amountMinor, l.match.kind])).toEqual([
      [2, "READY", 11_600, "INVOICE"],
      [3, "READY", 150_000, "ACCOUNT"],
      [4, "NEEDS_CUSTOMER", 4_000, "UNMATCHED"],
      [5, "SKIPPED", -2_500, "UNMATCHED"],
      [6, "ERROR", null, "UNMATCHED"],
    ]);
    expect(dry.lines[0].match).toMatchObject({
      customerId: jane.id,
      invoiceNumber: number,
      amountMatchesBalance: true,
    });
    expect(dry.lines[4].errors).toEqual([
      '"03/03/2026" is not a date in the form YYYY-MM-DD.',
      '"abc" is not an amount in USD.',
    ]);
    expect(dry.canConfirm).toBe(false);

    // Confirming with problems left imports nothing.
    const refused = await expectFailure(
      billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(refused.message).toMatch(/Nothing was imported: 2 lines \(first: line 4\)/);
    expect(await invoiceState(co.company.id, invoice.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });

    // A person resolves: line 4 is Jane's, line 6 is ignored.
    const resolutions = [
      { line: 4, customerId: jane.id },
      { line: 6, ignore: true },
    ];
    const ready = await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING, resolutions });
    expect(ready.counts).toMatchObject({ READY: 3, SKIPPED: 1, IGNORED: 1, ERROR: 0, NEEDS_CUSTOMER: 0 });
    expect(ready.readyMinor).toBe(11_600 + 150_000 + 4_000);

    const done = await billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING, resolutions });
    expect(done).toMatchObject({ posted: 3, totalMinor: 165_600 });
    expect(await invoiceState(co.company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 11_600 });
    // Kamau owed nothing and Jane's 40.00 came after her invoice was paid: both are credit.
    expect(
      await withTenant(co.company.id, (tx) =>
        creditBalance({ tx, companyId: co.company.id, actor: { type: "SYSTEM" } }, kamau.id),
      ),
    ).toBe(150_000);
    expect(
      await withTenant(co.company.id, (tx) =>
        creditBalance({ tx, companyId: co.company.id, actor: { type: "SYSTEM" } }, jane.id),
      ),
    ).toBe(4_000);
    const list = await listPayments({ method: "BANK_TRANSFER", pageSize: 10 });
    expect(list.rows.map((p) => p.reference).sort()).toEqual(["FT2603020001", "FT2603020002", "FT2603030003"]);

    // The same statement again: every line is already recorded, nothing posts twice.
    const again = await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING, resolutions });
    expect(again.counts).toMatchObject({ READY: 0, ALREADY_RECORDED: 3 });
    await expectFailure(
      billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING, resolutions }),
      "UNPROCESSABLE_CONTENT",
    );
    await settleInline();
  });

  it("two confirmations of the same file at once post each line once", async () => {
    const csv = statement(`2026-03-05,10.00,FTRACE0001,${formatAccountNumber(jane.accountNumber)}`);
    const results = await Promise.allSettled([
      billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING }),
      billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rows = await listPayments({ method: "BANK_TRANSFER", pageSize: 50 });
    expect(rows.rows.filter((p) => p.reference === "FTRACE0001")).toHaveLength(1);
    await settleInline();
  });

  it("a line nothing matched is assigned to a customer and an invoice of theirs, and posts to that invoice first", async () => {
    const customer = await makeCustomer(co.company.id, { firstName: "Wanjiru" });
    const older = await openInvoice(co.company.id, customer.id, { totalMinor: 3_000, dueDate: "2026-05-01" });
    const newer = await openInvoice(co.company.id, customer.id, { totalMinor: 5_000, dueDate: "2026-06-01" });
    const janes = await openInvoice(co.company.id, jane.id, { totalMinor: 1_000, dueDate: "2026-06-01" });
    const csv = statement("2026-06-02,60.00,FTASSIGN01,Deposit by W");
    expect((await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING })).lines[0].state).toBe("NEEDS_CUSTOMER"); // prettier-ignore

    // Someone else's invoice for this customer: refused, naming the line.
    const wrong = await expectFailure(
      billing.bankTransfers.statement.preview({ csv, mapping: MAPPING, resolutions: [{ line: 2, customerId: customer.id, invoiceId: janes.id }] }), // prettier-ignore
      "UNPROCESSABLE_CONTENT",
    );
    expect(wrong.message).toBe("Line 2: the invoice chosen is not one of this customer's unpaid invoices.");

    const resolutions = [{ line: 2, customerId: customer.id, invoiceId: newer.id }];
    const dry = await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING, resolutions });
    expect(dry.lines[0]).toMatchObject({
      state: "READY",
      match: { kind: "CHOSEN", customerId: customer.id, invoiceId: newer.id, invoiceNumber: invoiceNumber("INV-", newer.number) }, // prettier-ignore
    });
    expect(await billing.bankTransfers.statement.confirm({ csv, mapping: MAPPING, resolutions })).toMatchObject({ posted: 1 }); // prettier-ignore
    // 60.00: the chosen (newer) invoice in full first, then 10.00 on the older one.
    expect(await invoiceState(co.company.id, newer.id)).toMatchObject({ status: "PAID", amountPaidMinor: 5_000 });
    expect(await invoiceState(co.company.id, older.id)).toMatchObject({ status: "PARTIALLY_PAID", amountPaidMinor: 1_000 }); // prettier-ignore
    expect(await invoiceState(co.company.id, janes.id)).toMatchObject({ status: "OPEN", amountPaidMinor: 0 });
    await settleInline();
  });

  it("refuses a mapping to a column the file does not have, a repeated reference, and readers", async () => {
    const csv = statement("2026-03-05,10.00,FTDUP,x", "2026-03-05,12.00,FTDUP,y");
    const bad = await expectFailure(
      billing.bankTransfers.statement.preview({ csv, mapping: { ...MAPPING, amount: "Amount" } }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(bad.message).toBe(
      'The file has no column "Amount". Its columns are: Value Date, Credit, Reference, Narrative.',
    );
    const dup = await billing.bankTransfers.statement.preview({ csv, mapping: MAPPING });
    expect(dup.lines[1].errors).toContain("The reference FTDUP appears on an earlier line of this file.");
    await expectFailure(reader.bankTransfers.statement.preview({ csv, mapping: MAPPING }), "FORBIDDEN");
  });
});

describe("proof of transfer", () => {
  async function receipt() {
    return withTenant(co.company.id, (tx) =>
      storage.upload(
        { tx, companyId: co.company.id, actor: { type: "USER", id: portalUserId, label: "kamau" } },
        { fileName: "receipt.png", contentType: "image/png", bytes: PNG },
      ),
    );
  }

  it("a customer sends a receipt, staff verify it, and it is posted to the customer's invoice once", async () => {
    const invoice = await openInvoice(co.company.id, kamau.id, { totalMinor: 5_000, dueDate: "2026-04-15" });
    const file = await receipt();
    const sent = await portal.bankTransfers.proofs.submit({
      amountMinor: 5_000,
      reference: "FT2604010099",
      paidOn: "2026-04-01",
      attachmentIds: [file.id],
    });
    expect(sent).toMatchObject({ status: "SUBMITTED", files: [{ fileName: "receipt.png" }] });
    expect(await invoiceState(co.company.id, invoice.id)).toMatchObject({ status: "OPEN" });

    const queue = await reader.bankTransfers.proofs.list({ status: "SUBMITTED" });
    expect(queue.rows.map((p) => p.id)).toContain(sent.id);
    await expectFailure(reader.bankTransfers.proofs.verify({ id: sent.id }), "FORBIDDEN");

    const verified = await billing.bankTransfers.proofs.verify({ id: sent.id });
    expect(verified.status).toBe("VERIFIED");
    expect(await invoiceState(co.company.id, invoice.id)).toMatchObject({ status: "PAID", amountPaidMinor: 5_000 });
    const again = await expectFailure(billing.bankTransfers.proofs.verify({ id: sent.id }), "CONFLICT");
    expect(again.message).toBe("This proof was already verified.");
    expect((await portal.bankTransfers.proofs.mine({})).rows[0]).toMatchObject({ id: sent.id, status: "VERIFIED" });
    await settleInline();
  });

  it("a rejected proof tells the customer why and credits nothing; a proof needs its receipt", async () => {
    const file = await receipt();
    const sent = await portal.bankTransfers.proofs.submit({
      amountMinor: 9_999,
      reference: "FT-NOT-THERE",
      paidOn: "2026-04-02",
      attachmentIds: [file.id],
    });
    await expectFailure(billing.bankTransfers.proofs.reject({ id: sent.id, reason: "" }), "BAD_REQUEST");
    const rejected = await billing.bankTransfers.proofs.reject({
      id: sent.id,
      reason: "We cannot find FT-NOT-THERE on our statement: check the reference.",
    });
    expect(rejected).toMatchObject({ status: "REJECTED", paymentId: null });
    const bell = await withTenant(co.company.id, (tx) =>
      tx.notification.findMany({ where: { userId: portalUserId, kind: "transfer_proof.rejected" } }),
    );
    expect(bell.map((n) => n.body)).toEqual(["We cannot find FT-NOT-THERE on our statement: check the reference."]);

    const none = await expectFailure(
      portal.bankTransfers.proofs.submit({
        amountMinor: 100,
        reference: "FT1",
        paidOn: "2026-04-02",
        attachmentIds: [],
      }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(none.message).toBe("Attach the bank's receipt (a photo or PDF).");
    // Staff cannot send a proof as if they were a customer.
    await expectFailure(
      billing.bankTransfers.proofs.submit({
        amountMinor: 100,
        reference: "FT1",
        paidOn: "2026-04-02",
        attachmentIds: [file.id],
      }),
      "FORBIDDEN",
    );
  });

  it("the customer's own list comes a page at a time, newest first, until there is no next page", async () => {
    const file = await receipt();
    for (let i = 1; i <= 5; i++)
      await portal.bankTransfers.proofs.submit({
        amountMinor: 1_000 * i,
        reference: `FT-PAGE-${i}`,
        paidOn: "2026-04-03",
        attachmentIds: i === 1 ? [file.id] : [(await receipt()).id],
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof portal.bankTransfers.proofs.mine>> = await portal.bankTransfers.proofs.mine({ cursor, limit: 2 }); // prettier-ignore
      seen.push(...page.rows.map((p) => p.reference));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const all = await withTenant(co.company.id, (tx) =>
      tx.transferProof.findMany({ where: { customerId: kamau.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
    );
    // Every proof once, in order, and more than one page of them.
    expect(seen).toEqual(all.map((p) => p.reference));
    expect(seen.slice(0, 5)).toEqual(["FT-PAGE-5", "FT-PAGE-4", "FT-PAGE-3", "FT-PAGE-2", "FT-PAGE-1"]);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });
});
