import { ZodError } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { readCsv } from "../../lib/csv";
import { DomainError, Invalid } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import * as addresses from "./addresses";
import { IMPORT_COLUMNS, IMPORT_MAX_LINES, importSchema, type ImportInput, type ImportKind } from "./import.schema";
import * as prefixes from "./prefixes";
import { addressText, ADDRESS_ROLES, ADDRESS_STATUSES, PREFIX_STATUSES, VLAN_STATUSES } from "./schema";
import { sameVrf } from "./sql";
import * as vlans from "./vlans";

// Prefixes, IP addresses and VLANs from a CSV file, NetBox-style: a dry run shows every line as
// "would create" or the reason it cannot be (malformed CIDR, host bits, overlap, an address
// outside every prefix, a network or broadcast address, a duplicate); the import writes every
// line or none. Each line is written through the module's own create (its rules, its audit and
// history) inside a savepoint: a line that fails is rolled back alone, so the lines after it are
// still judged, and a later line sees the earlier ones (an address inside a prefix of the same
// file). The dry run then rolls the whole file back; the import keeps it only when no line failed.

export type ImportLineState = "CREATE" | "ERROR";

export interface ImportLine {
  /** The line of the file, the header being line 1: what a person finds in the spreadsheet. */
  line: number;
  /** The line's prefix, address or VLAN id as written. */
  value: string;
  state: ImportLineState;
  error: string | null;
}

export interface ImportPreview {
  kind: ImportKind;
  lines: ImportLine[];
  counts: Record<ImportLineState, number>;
  /** True when every line would be created: the import would write them all. */
  canImport: boolean;
}

/** The CSV column each schema field comes from, to name it in an error. */
const COLUMN_OF: Record<string, string> = { dnsName: "dns_name", vrfId: "vrf", siteId: "site", vlanId: "vlan" };

type Row = (column: string) => string;

/** The line's CSV row, read by column name whatever its case or spacing in the header. */
function columnsOf(kind: ImportKind, headers: string[]) {
  const byName = new Map(headers.map((h) => [h.toLowerCase().replace(/[\s-]+/g, "_"), h]));
  const key = IMPORT_COLUMNS[kind][0]!;
  if (!byName.has(key))
    throw new Invalid(
      `The file has no "${key}" column. The first line names the columns: ${IMPORT_COLUMNS[kind].join(", ")}. Its columns are: ${headers.join(", ")}.`,
    );
  return (row: Record<string, string>): Row =>
    (column) =>
      (row[byName.get(column) ?? ""] ?? "").trim();
}

/** "Active" → "ACTIVE", or an error naming the values the column takes. */
function choice<T extends string>(column: string, text: string, allowed: readonly T[], fallback?: T): T | undefined {
  if (!text) return fallback;
  const value = text.toUpperCase().replace(/[\s-]+/g, "_") as T;
  if (!allowed.includes(value))
    throw new Invalid(`${column}: "${text}" is not one of ${allowed.map((a) => a.toLowerCase()).join(", ")}.`);
  return value;
}

function yesNo(column: string, text: string): boolean {
  if (!text) return false;
  if (/^(yes|y|true|1)$/i.test(text)) return true;
  if (/^(no|n|false|0)$/i.test(text)) return false;
  throw new Invalid(`${column}: "${text}" is neither yes nor no.`);
}

/** A zod failure of the module's schema, in the file's words: the column and the value. */
function zodMessage(err: ZodError, kind: ImportKind, value: string): string {
  const key = IMPORT_COLUMNS[kind][0]!;
  return err.issues
    .map((issue) => {
      const field = String(issue.path[0] ?? key);
      const column = COLUMN_OF[field] ?? field;
      return column === key ? `"${value}" is not valid: ${issue.message}` : `${column}: ${issue.message}`;
    })
    .join(" ");
}

/** Names → ids of the company's VRFs, sites and VLAN groups, read once per file. */
async function catalogues(scope: Scope) {
  const vrfs = await scope.tx.vrf.findMany({ select: { id: true, name: true } });
  const sites = await scope.tx.site.findMany({ select: { id: true, name: true, slug: true, code: true } });
  const groups = await scope.tx.vlanGroup.findMany({ select: { id: true, name: true, slug: true, siteId: true } });
  const lower = (s: string | null) => (s ?? "").toLowerCase();
  return {
    vrf(text: string): string | null {
      if (!text) return null;
      const hit = vrfs.find((v) => lower(v.name) === lower(text));
      if (!hit) throw new Invalid(`vrf: there is no VRF named "${text}".`);
      return hit.id;
    },
    site(text: string): string | null {
      if (!text) return null;
      const t = lower(text);
      const hit = sites.find((s) => lower(s.slug) === t || lower(s.code) === t || lower(s.name) === t);
      if (!hit) throw new Invalid(`site: there is no site "${text}" (give its name, slug or code).`);
      return hit.id;
    },
    group(text: string) {
      if (!text) return null;
      const hit = groups.find((g) => lower(g.slug) === lower(text) || lower(g.name) === lower(text));
      if (!hit) throw new Invalid(`group: there is no VLAN group "${text}".`);
      return hit;
    },
  };
}

type Catalogues = Awaited<ReturnType<typeof catalogues>>;

/** The VLAN a prefix line names by its VLAN id: the one at the line's site, else an ungrouped one. */
async function vlanOf(scope: Scope, text: string, siteId: string | null): Promise<string | null> {
  if (!text) return null;
  if (!/^\d+$/.test(text)) throw new Invalid(`vlan: "${text}" is not a VLAN id (a number from 1 to 4094).`);
  const found = await scope.tx.vlan.findMany({
    where: { vid: Number(text), ...(siteId ? { siteId } : {}) },
    select: { id: true },
    take: 2,
  });
  if (found.length === 0) throw new Invalid(`vlan: there is no VLAN ${text}${siteId ? " at this site" : ""}.`);
  if (found.length > 1) throw new Invalid(`vlan: more than one VLAN ${text}; give the line a site.`);
  return found[0]!.id;
}

/** Refuses an address no prefix of its VRF holds: imported addresses land in the tree. */
async function assertInsideAPrefix(scope: Scope, address: string, vrfId: string | null) {
  const [hit] = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT q.id FROM "Prefix" q WHERE ${sameVrf(Prisma.sql`q."vrfId"`, vrfId)} AND q.prefix >>= ${address}::inet LIMIT 1`;
  if (!hit)
    throw new Invalid(
      `${address} is outside every prefix of ${vrfId ? "its VRF" : "the global table"}; add or import the prefix first.`,
    );
}

/** Writes one line through the module's own create (its rules, audit and history). */
async function writeLine(scope: Scope, kind: ImportKind, cell: Row, names: Catalogues): Promise<void> {
  if (kind === "prefixes") {
    const siteId = names.site(cell("site"));
    await prefixes.create(scope, {
      prefix: cell("prefix"),
      status: choice("status", cell("status"), PREFIX_STATUSES, "ACTIVE"),
      isPool: yesNo("pool", cell("pool")),
      vrfId: names.vrf(cell("vrf")),
      siteId,
      vlanId: await vlanOf(scope, cell("vlan"), siteId),
      description: cell("description"),
    });
  } else if (kind === "addresses") {
    const vrfId = names.vrf(cell("vrf"));
    const address = addressText.parse(cell("address"));
    await assertInsideAPrefix(scope, address, vrfId);
    await addresses.create(scope, {
      address,
      vrfId,
      status: choice("status", cell("status"), ADDRESS_STATUSES, "ACTIVE"),
      role: choice("role", cell("role"), ADDRESS_ROLES) ?? null,
      dnsName: cell("dns_name"),
      description: cell("description"),
    });
  } else {
    const group = names.group(cell("group"));
    await vlans.createVlan(scope, {
      vid: cell("vid"),
      name: cell("name"),
      groupId: group?.id ?? null,
      siteId: names.site(cell("site")) ?? group?.siteId ?? null,
      status: choice("status", cell("status"), VLAN_STATUSES, "ACTIVE"),
      description: cell("description"),
    });
  }
}

/** The same thing twice in one file, keyed as the database would see it. */
function duplicateKey(kind: ImportKind, cell: Row): string {
  const value = cell(IMPORT_COLUMNS[kind][0]!).toLowerCase();
  return kind === "vlans" ? `${cell("group").toLowerCase()}|${value}` : `${cell("vrf").toLowerCase()}|${value}`;
}

const LINES_OF: Record<ImportKind, string> = { prefixes: "prefixes", addresses: "IP addresses", vlans: "VLANs" };

const savepoint = (scope: Scope, sql: string) => scope.tx.$executeRawUnsafe(sql);

/** Judges (and writes) every line; leaves the file written only when `keep` and no line failed. */
async function runFile(scope: Scope, input: ImportInput, keep: boolean): Promise<ImportPreview> {
  const { kind, csv } = importSchema.parse(input);
  const { headers, rows } = readCsv(csv, { lines: LINES_OF[kind], maxLines: IMPORT_MAX_LINES });
  const cellsOf = columnsOf(kind, headers);
  const names = await catalogues(scope);
  const seen = new Map<string, number>();
  const lines: ImportLine[] = [];
  await savepoint(scope, "SAVEPOINT ipam_import");
  for (const [i, row] of rows.entries()) {
    const cell = cellsOf(row);
    const line = i + 2;
    const value = cell(IMPORT_COLUMNS[kind][0]!);
    const key = duplicateKey(kind, cell);
    const earlier = seen.get(key);
    let error: string | null = null;
    if (!value) error = `The line has no ${IMPORT_COLUMNS[kind][0]}.`;
    else if (earlier) error = `${value} is also on line ${earlier} of this file.`;
    else {
      seen.set(key, line);
      await savepoint(scope, "SAVEPOINT ipam_import_line");
      try {
        await writeLine(scope, kind, cell, names);
        await savepoint(scope, "RELEASE SAVEPOINT ipam_import_line");
      } catch (err) {
        await savepoint(scope, "ROLLBACK TO SAVEPOINT ipam_import_line");
        if (err instanceof DomainError) error = err.message;
        else if (err instanceof ZodError) error = zodMessage(err, kind, value);
        else throw err;
      }
    }
    lines.push({ line, value, state: error ? "ERROR" : "CREATE", error });
  }
  const counts = { CREATE: 0, ERROR: 0 };
  for (const l of lines) counts[l.state] += 1;
  const canImport = counts.ERROR === 0;
  if (!keep || !canImport) await savepoint(scope, "ROLLBACK TO SAVEPOINT ipam_import");
  await savepoint(scope, "RELEASE SAVEPOINT ipam_import");
  return { kind, lines, counts, canImport };
}

/** The dry run: what the import would do with each line. Writes nothing. */
export async function preview(scope: Scope, input: ImportInput): Promise<ImportPreview> {
  return runFile(scope, input, false);
}

/** Imports every line, or none: one line that cannot be created refuses the file. */
export async function run(scope: Scope, input: ImportInput) {
  const result = await runFile(scope, input, true);
  if (!result.canImport) {
    const first = result.lines.find((l) => l.state === "ERROR")!;
    throw new Invalid(
      `Nothing was imported: ${result.counts.ERROR} line${result.counts.ERROR === 1 ? "" : "s"} cannot be created (line ${first.line}: ${first.error})`,
    );
  }
  await audit.record(scope, {
    action: "ipam.import",
    entityType: "Company",
    entityId: scope.companyId,
    after: { kind: result.kind, created: result.counts.CREATE },
  });
  return { kind: result.kind, created: result.counts.CREATE };
}
