import { balanceOf } from "../billing/credit";
import { invoiceNumber } from "../billing/schema";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import type { StatementLine } from "./statement";

// Matching statement lines to customers and invoices, by what payers write in the transfer's
// reference: an invoice number ("INV-00042"), or an account number ("ACC-000042", "ACC 42").
// An invoice number wins over an account number (it says which invoice, and so which customer).
// Whether the amount equals the invoice's balance is shown, never required: people pay part, or
// two invoices at once, and the rest follows the usual order (that invoice first, then oldest due).

export type MatchKind = "INVOICE" | "ACCOUNT" | "CHOSEN" | "UNMATCHED";

export interface LineMatch {
  kind: MatchKind;
  customerId: string | null;
  customerName: string | null;
  accountNumber: number | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** The invoice's balance equals the amount received: a line a person need not look at twice. */
  amountMatchesBalance: boolean;
}

const NONE: LineMatch = {
  kind: "UNMATCHED",
  customerId: null,
  customerName: null,
  accountNumber: null,
  invoiceId: null,
  invoiceNumber: null,
  amountMatchesBalance: false,
};

const INVOICE_TOKEN = /\b([A-Z][A-Z0-9]{0,9}-?)0*(\d{1,9})\b/g;
const ACCOUNT_TOKEN = /\bACC(?:OUNT)?[\s#:.-]*0*(\d{1,9})\b/g;

/** Candidate (prefix, number) pairs a text names, e.g. "INV-00042 Jan" → [["INV-", 42]]. */
function invoiceTokens(text: string): { prefix: string; number: number }[] {
  return [...text.toUpperCase().matchAll(INVOICE_TOKEN)].map((m) => ({ prefix: m[1], number: Number(m[2]) }));
}

function accountTokens(text: string): number[] {
  return [...text.toUpperCase().matchAll(ACCOUNT_TOKEN)].map((m) => Number(m[1]));
}

const customerSelect = {
  id: true,
  accountNumber: true,
  type: true,
  firstName: true,
  lastName: true,
  businessName: true,
} as const;

/** One match per line (same order), looked up with two queries for the whole statement. */
export async function matchLines(scope: Scope, lines: StatementLine[]): Promise<LineMatch[]> {
  const texts = lines.map((l) => `${l.reference} ${l.description}`);
  const invoiceNumbers = [...new Set(texts.flatMap((t) => invoiceTokens(t).map((c) => c.number)))];
  const invoices = invoiceNumbers.length
    ? await scope.tx.invoice.findMany({
        where: { number: { in: invoiceNumbers }, status: { notIn: ["DRAFT", "VOID"] } },
        select: {
          id: true,
          prefix: true,
          number: true,
          status: true,
          totalMinor: true,
          amountPaidMinor: true,
          creditedMinor: true,
          customer: { select: customerSelect },
        },
      })
    : [];
  const invoiceByKey = new Map(invoices.map((i) => [`${i.prefix.toUpperCase()}|${i.number}`, i]));
  const accountNumbers = [...new Set(texts.flatMap(accountTokens))];
  const customers = accountNumbers.length
    ? await scope.tx.customer.findMany({
        where: { accountNumber: { in: accountNumbers } },
        select: customerSelect,
      })
    : [];
  const customerByAccount = new Map(customers.map((c) => [c.accountNumber, c]));

  return lines.map((line, i) => {
    const invoice = invoiceTokens(texts[i])
      .map((t) => invoiceByKey.get(`${t.prefix}|${t.number}`))
      .find(Boolean);
    if (invoice)
      return {
        kind: "INVOICE",
        customerId: invoice.customer.id,
        customerName: customerDisplayName(invoice.customer),
        accountNumber: invoice.customer.accountNumber,
        invoiceId: invoice.id,
        invoiceNumber: invoiceNumber(invoice.prefix, invoice.number),
        amountMatchesBalance: line.amountMinor !== null && line.amountMinor === balanceOf(invoice),
      };
    const customer = accountTokens(texts[i])
      .map((n) => customerByAccount.get(n))
      .find(Boolean);
    if (customer)
      return {
        ...NONE,
        kind: "ACCOUNT",
        customerId: customer.id,
        customerName: customerDisplayName(customer),
        accountNumber: customer.accountNumber,
      };
    return NONE;
  });
}

/** A customer a person chose for a line, shown as a match. */
export async function chosenMatches(scope: Scope, customerIds: string[]): Promise<Map<string, LineMatch>> {
  if (customerIds.length === 0) return new Map();
  const rows = await scope.tx.customer.findMany({
    where: { id: { in: customerIds } },
    select: customerSelect,
  });
  return new Map(
    rows.map((c) => [
      c.id,
      {
        ...NONE,
        kind: "CHOSEN" as const,
        customerId: c.id,
        customerName: customerDisplayName(c),
        accountNumber: c.accountNumber,
      },
    ]),
  );
}
