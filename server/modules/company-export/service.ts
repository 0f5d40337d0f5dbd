import { withTenantSnapshot, type Tx } from "../../db/tenant";
import { toCsv } from "../../lib/csv";
import { zip, type ZipEntry } from "../../lib/zip";
import * as audit from "../audit/service";
import type { Scope } from "../scope";

// Everything one ISP has in Lastmile, for a company that leaves (or wants its own copy): one CSV
// per table, read as the app's role under the company's row-level security in one snapshot, so
// the archive can hold no other company's row and no half of a concurrent change. The tables are
// found in the catalogue rather than listed: every table with a companyId column (the mark of a
// tenant-owned table, which server/db/rls.test.ts holds to a forced policy) and the company's own
// row, so a module's new table is exported without anyone remembering to add it here. This module
// owns no table and writes none; it only reads.

/**
 * Columns left out: hashes (passwords, tokens, keys: useless outside Lastmile and a risk in a
 * file) and values sealed with APP_ENCRYPTION_KEY (ciphertext nobody else can open). The ISP
 * re-enters provider keys and PPPoE passwords where it moves to; the README in the archive says so.
 */
export const WITHHELD_COLUMN = /(Hash|Sealed)$|^(secret|totpSecret|pppoePassword|recoveryCodes)$/;

export interface TableExport {
  table: string;
  rows: number;
  withheld: string[];
}

export interface CompanyExport {
  filename: string;
  tables: TableExport[];
  archive: Buffer;
}

type Cell = string | number | boolean | null;

/** A database value as a CSV cell: dates ISO 8601 UTC, bytes base64, JSON and arrays as JSON. */
function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "object" && v.constructor?.name === "Decimal") return String(v);
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
}

/** The tenant-owned tables, as the app's role sees the catalogue. */
export async function tenantTables(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ table: string }[]>`
    SELECT c.relname AS "table" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND (c.relname = 'Company' OR EXISTS (
         SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'companyId' AND NOT a.attisdropped))
     ORDER BY 1`;
  return rows.map((r) => r.table);
}

async function columnsOf(tx: Tx, table: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT a.attname AS name FROM pg_attribute a
     WHERE a.attrelid = format('%I', ${table}::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`;
  return rows.map((r) => r.name);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

function readme(companyName: string, exportedAt: string, tables: TableExport[]) {
  const withheld = tables.filter((t) => t.withheld.length > 0);
  return [
    `All data of ${companyName} in Lastmile, exported ${exportedAt}.`,
    "",
    "One CSV file per table (the table's name), with its columns as Lastmile stores them; manifest.json",
    "lists the tables and their row counts. Times are UTC (ISO 8601), amounts in minor units (cents),",
    "binary values base64, structured values JSON. Ids link the files (customerId in Subscription.csv",
    "is an id in Customer.csv).",
    "",
    "Left out: password, token and key hashes, and values sealed with Lastmile's encryption key",
    "(provider keys, PPPoE passwords, tax and ID numbers), which cannot be read outside Lastmile:",
    ...withheld.map((t) => `  ${t.table}: ${t.withheld.join(", ")}`),
    "Attachments (ticket files, photos) are referenced by their storage keys, not included.",
    "",
  ].join("\n");
}

/** The archive of one company (its own snapshot; no audit entry: exportCompany records one). */
export async function buildCompanyExport(companyId: string, now = new Date()): Promise<CompanyExport> {
  return withTenantSnapshot(companyId, async (tx) => {
    const company = (
      await tx.$queryRaw<{ slug: string; name: string }[]>`SELECT slug, name FROM "Company" WHERE id = ${companyId}`
    )[0];
    if (!company) throw new Error(`No company ${companyId}`);
    const entries: ZipEntry[] = [];
    const tables: TableExport[] = [];
    for (const table of await tenantTables(tx)) {
      const all = await columnsOf(tx, table);
      const kept = all.filter((c) => !WITHHELD_COLUMN.test(c));
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT ${kept.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)} ORDER BY 1`,
      );
      entries.push({
        name: `${table}.csv`,
        data: toCsv(
          kept,
          rows.map((r) => kept.map((c) => cell(r[c]))),
        ),
      });
      tables.push({ table, rows: rows.length, withheld: all.filter((c) => WITHHELD_COLUMN.test(c)) });
    }
    const exportedAt = now.toISOString();
    entries.unshift(
      { name: "README.txt", data: readme(company.name, exportedAt, tables) },
      {
        name: "manifest.json",
        data: JSON.stringify(
          { kind: "lastmile.company-export", companyId, slug: company.slug, exportedAt, tables },
          null,
          2,
        ),
      },
    );
    return {
      filename: `${company.slug}-lastmile-export-${exportedAt.slice(0, 10)}.zip`,
      tables,
      archive: zip(entries, now),
    };
  });
}

/** Settings → Company data export (company:export): the archive, base64 for tRPC, audited. */
export async function exportCompany(scope: Scope) {
  const built = await buildCompanyExport(scope.companyId);
  await audit.record(scope, {
    action: "company.data_export",
    entityType: "Company",
    entityId: scope.companyId,
    after: {
      filename: built.filename,
      tables: built.tables.length,
      rows: built.tables.reduce((a, t) => a + t.rows, 0),
    },
  });
  return { filename: built.filename, contentType: "application/zip", base64: built.archive.toString("base64") };
}
