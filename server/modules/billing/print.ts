import { formatMoney } from "../../lib/money";

// How billing documents (PDFs, the invoice e-mail and SMS) print dates, money and data. Kept
// apart from the PDF renderer, which is large and loaded only when a PDF is made.

/** "3 Dec 2026" from a calendar date (stored at UTC midnight). */
export function documentDate(value: Date | string | null | undefined): string {
  if (!value) return "-";
  const d = typeof value === "string" ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    d,
  );
}

/** Money as printed: the currency and a normal space (Helvetica has no narrow spaces). */
export const printMoney = (minor: number, currency: string) => formatMoney(minor, currency).replace(/\s/g, " ");

const GIB = 1024n ** 3n;
/** "12.34 GB" (1 GB = 1,024³ bytes, as the overage rule counts), exactly, from integer bytes. */
export function gigabytes(bytes: bigint): string {
  const hundredths = (bytes * 100n + GIB / 2n) / GIB;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, "0")} GB`;
}

export const invoiceFileName = (displayNumber: string) =>
  `invoice-${displayNumber.replace(/[^A-Za-z0-9_-]/g, "-")}.pdf`;
