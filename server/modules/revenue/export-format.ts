import { customerDisplayName } from "../customers/schema";
import { toDateString, todayIn } from "../subscriptions/dates";

// What every accounting export layout shares: dates, customer references, the batch size.

/** How many documents one read takes: an export is built in batches, not one array of everything. */
export const BATCH = 500;

/** dd/mm/yyyy, the date order both importers are told to expect (see the docs). */
export function ddmmyyyy(date: Date): string {
  const [y, m, d] = toDateString(date).split("-");
  return `${d}/${m}/${y}`;
}

/** The customer's reference in Sage: letters and digits, at most 8 ("C000042"). */
export function sageAccountRef(accountNumber: number): string {
  return `C${String(accountNumber).padStart(6, "0")}`;
}

/** The customer as QuickBooks names them: display name and account number, so namesakes stay apart. */
export function quickBooksCustomer(c: Parameters<typeof customerDisplayName>[0] & { accountNumber: number }) {
  return `${customerDisplayName(c)} (${c.accountNumber})`;
}

/** Sage's transaction import (audit trail) layout, shared by invoices (SI), credit notes (SC), receipts (SR, SA) and refunds (SP). */
export const SAGE_COLUMNS = [
  "Type",
  "Account Reference",
  "Nominal A/C Ref",
  "Department Code",
  "Date",
  "Reference",
  "Details",
  "Net Amount",
  "Tax Code",
  "Tax Amount",
  "Exchange Rate",
  "Extra Reference",
] as const;

/** Sage's default nominal codes: sales, and the bank account money arrives in. Staff change them in Sage's import screen if theirs differ. */
export const SAGE_SALES_NOMINAL = "4000";
export const SAGE_BANK_NOMINAL = "1200";

/** The day an instant falls on in the company's zone, as dd/mm/yyyy. */
export function localDdmmyyyy(at: Date, timeZone: string): string {
  const [y, m, d] = todayIn(timeZone, at).split("-");
  return `${d}/${m}/${y}`;
}
