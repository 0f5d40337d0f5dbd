import { readCsv } from "../../lib/csv";
import { parseMoney } from "../../lib/money";
import { Invalid } from "../../lib/errors";
import { columnMappingSchema, STATEMENT_MAX_LINES, type ColumnMapping, type DateFormat } from "./schema";

// Reading a bank statement export: any bank's CSV, whose columns a person maps once. Only money
// received counts: debits (negative amounts) are listed as skipped, never posted.

export interface StatementLine {
  /** The line of the file, the header being line 1: what a person finds in the spreadsheet. */
  line: number;
  date: string | null;
  amountMinor: number | null;
  reference: string;
  description: string;
  /** Why the line cannot be imported as it stands (bad date, bad amount, no reference). */
  errors: string[];
  /** A debit or a zero line: not money received, left out without being an error. */
  skipped: string | null;
}

function rowsOf(csv: string): { headers: string[]; rows: Record<string, string>[] } {
  return readCsv(csv, { lines: "transactions", maxLines: STATEMENT_MAX_LINES });
}

/** The file's column names, for the mapping form. */
export function headersOf(csv: string): { headers: string[]; lines: number; sample: Record<string, string>[] } {
  const { headers, rows } = rowsOf(csv);
  return { headers, lines: rows.length, sample: rows.slice(0, 3) };
}

const DATE_PATTERNS: Record<DateFormat, RegExp> = {
  "YYYY-MM-DD": /^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$/,
  "DD/MM/YYYY": /^(?<d>\d{1,2})[/.-](?<m>\d{1,2})[/.-](?<y>\d{4})$/,
  "MM/DD/YYYY": /^(?<m>\d{1,2})[/.-](?<d>\d{1,2})[/.-](?<y>\d{4})$/,
};

/** "03/12/2026" as DD/MM/YYYY → "2026-12-03", or null when it is not a real day in that format. */
export function parseStatementDate(text: string, format: DateFormat): string | null {
  const g = DATE_PATTERNS[format].exec(text.trim().slice(0, 10))?.groups;
  if (!g) return null;
  const iso = `${g.y}-${g.m.padStart(2, "0")}-${g.d.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** "-1,500.00", "(1,500.00)", "KES 2,500": signed minor units, or null when it is not an amount. */
export function parseStatementAmount(text: string, currency: string): number | null {
  let t = text.trim().replace(new RegExp(`^${currency}\\s*`, "i"), "");
  let sign = 1;
  if (/^\(.*\)$/.test(t)) [sign, t] = [-1, t.slice(1, -1)];
  if (t.startsWith("-")) [sign, t] = [-sign, t.slice(1)];
  else if (t.startsWith("+")) t = t.slice(1);
  const minor = parseMoney(t, currency);
  return minor === null ? null : sign * minor;
}

/** Every line of the statement under the mapping, each with its own errors: nothing is thrown per line. */
export function readStatement(csv: string, mappingInput: ColumnMapping, currency: string): StatementLine[] {
  const mapping = columnMappingSchema.parse(mappingInput);
  const { headers, rows } = rowsOf(csv);
  const wanted = [mapping.date, mapping.amount, mapping.reference, mapping.description].filter(Boolean) as string[];
  const unknown = wanted.filter((c) => !headers.includes(c));
  if (unknown.length)
    throw new Invalid(
      `The file has no column ${unknown.map((c) => `"${c}"`).join(", ")}. Its columns are: ${headers.join(", ")}.`,
    );
  return rows.map((row, i) => {
    const errors: string[] = [];
    const rawDate = row[mapping.date] ?? "";
    const date = parseStatementDate(rawDate, mapping.dateFormat ?? "YYYY-MM-DD");
    if (!date) errors.push(`"${rawDate}" is not a date in the form ${mapping.dateFormat ?? "YYYY-MM-DD"}.`);
    const rawAmount = row[mapping.amount] ?? "";
    const amountMinor = parseStatementAmount(rawAmount, currency);
    if (amountMinor === null) errors.push(`"${rawAmount}" is not an amount in ${currency}.`);
    const reference = (row[mapping.reference] ?? "").trim().slice(0, 80);
    const skipped = amountMinor !== null && amountMinor <= 0 ? "Not money received (a debit or zero)." : null;
    if (!reference && !skipped) errors.push("The line has no reference.");
    return {
      line: i + 2,
      date,
      amountMinor,
      reference,
      description: mapping.description ? (row[mapping.description] ?? "").trim().slice(0, 200) : "",
      errors,
      skipped,
    };
  });
}
