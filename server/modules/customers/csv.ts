import Papa from "papaparse";
import type { z } from "zod";
import { zodFields } from "../../api/errors";
import { toCsv } from "../../lib/csv";
import { Invalid } from "../../lib/errors";
import type { Scope } from "../scope";
import {
  createCustomerSchema,
  CSV_COLUMNS,
  CSV_MAX_ROWS,
  CSV_READ_ONLY_COLUMNS,
  customerFilterSchema,
  formatAccountNumber,
  importCustomersSchema,
} from "./schema";
import * as customers from "./service";

// Customers in and out as CSV. Export writes every row matching the list's filters with the
// columns of CSV_COLUMNS; import validates every row with the same schema as the form and
// creates all of them or none.

const EXPORT_MAX_ROWS = 100_000;

export async function exportCsv(scope: Scope, input: z.input<typeof customerFilterSchema>) {
  const f = customerFilterSchema.parse(input);
  const { where } = await customers.whereOf(scope, f);
  const rows = await scope.tx.customer.findMany({ where, orderBy: customers.orderOf(f), take: EXPORT_MAX_ROWS });
  const data = rows.map((row) => {
    const c = customers.present(row);
    return {
      ...Object.fromEntries(CSV_COLUMNS.map((k) => [k, (c as Record<string, unknown>)[k] ?? ""])),
      accountNumber: formatAccountNumber(c.accountNumber),
      tags: c.tags.join(";"),
      paperlessBilling: c.paperlessBilling ? "yes" : "no",
      createdAt: c.createdAt.toISOString(),
    };
  });
  const csv = toCsv(CSV_COLUMNS, data);
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `customers-${day}.csv`, csv, rows: rows.length };
}

export interface RowProblem {
  /** The line of the file (the header is line 1). */
  row: number;
  messages: string[];
}

/** A cell's e-mail as the schema would store it, or null when it is not one. */
function emailOf(cell: unknown): string | null {
  const parsed = createCustomerSchema.shape.email.safeParse(cell);
  return parsed.success ? parsed.data : null;
}

const KNOWN = new Set<string>(CSV_COLUMNS);
const IGNORED = new Set<string>(CSV_READ_ONLY_COLUMNS);

/** Parses, validates every row and, unless it is a dry run or any row is bad, creates them all. */
export async function importCsv(scope: Scope, input: z.input<typeof importCustomersSchema>) {
  const { csv, dryRun } = importCustomersSchema.parse(input);
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.trim(),
  });
  const headers = parsed.meta.fields ?? [];
  const unknown = headers.filter((h) => !KNOWN.has(h));
  if (headers.length === 0)
    throw new Invalid("The file has no header row. Start from an exported file to get the column names.");
  if (unknown.length)
    throw new Invalid(
      `Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Use the column names of an exported file.`,
    );
  if (parsed.data.length === 0) throw new Invalid("The file has a header but no customers.");
  if (parsed.data.length > CSV_MAX_ROWS)
    throw new Invalid(`The file has ${parsed.data.length} rows; import at most ${CSV_MAX_ROWS} at a time.`);

  const problems = new Map<number, string[]>();
  const note = (row: number, message: string) => problems.set(row, [...(problems.get(row) ?? []), message]);
  for (const e of parsed.errors) if (e.row !== undefined) note(e.row + 2, e.message);

  const valid: { row: number; data: z.output<typeof createCustomerSchema> }[] = [];
  const emails = new Map<string, number>();
  parsed.data.forEach((raw, i) => {
    const row = i + 2;
    const cells = Object.fromEntries(
      Object.entries(raw)
        .filter(([k]) => KNOWN.has(k) && !IGNORED.has(k))
        .map(([k, v]) => [k, v === "" ? undefined : v]),
    );
    const result = createCustomerSchema.safeParse(cells);
    if (!result.success)
      for (const [field, message] of Object.entries(zodFields(result.error))) note(row, `${field}: ${message}`);
    // Checked on bad rows too, so one pass over the file names every problem of a row.
    const email = result.success ? result.data.email : emailOf(cells.email);
    if (email) {
      const first = emails.get(email);
      if (first) note(row, `email: ${email} is also on row ${first}.`);
      else emails.set(email, row);
    }
    if (result.success) valid.push({ row, data: result.data });
  });

  if (emails.size > 0) {
    // A customer created meanwhile with one of these addresses makes the insert fail on the
    // unique index, and the import reports it instead of creating anything.
    const taken = await scope.tx.customer.findMany({
      where: { email: { in: [...emails.keys()] } },
      select: { email: true, accountNumber: true },
    });
    for (const t of taken)
      note(emails.get(t.email!)!, `email: already used by customer ${formatAccountNumber(t.accountNumber)}.`);
  }

  const report = [...problems.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, messages]): RowProblem => ({ row, messages }));
  const total = parsed.data.length;
  if (report.length > 0 || dryRun)
    return { dryRun, total, valid: total - report.length, imported: 0, problems: report };

  // All rows are good: created in this one transaction, so a failure leaves nothing behind.
  await customers.createMany(
    scope,
    valid.map((v) => v.data),
  );
  return { dryRun, total, valid: total, imported: valid.length, problems: [] as RowProblem[] };
}
