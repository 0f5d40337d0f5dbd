import { insertRows, same, type Column, type Pipeline } from "../../db/bulk";
import { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { newId, newOrderedIds } from "../../lib/ids";
import { listPage, pagination } from "../../lib/schema";
import type { Scope, Tenant } from "../scope";

// The append-only audit trail. Every mutation calls record() inside its own transaction, so an
// entry exists exactly when the change does. The database refuses updates and deletes; the one
// exception is pruneOlderThan() below, for entries past the company's retention.

const SECRET_KEYS = /password|secret|token|hash|code/i;
/**
 * Personal identifiers the database keeps only sealed (a customer's tax id and ID document
 * number): a clear copy in the trail would undo that. An entry still says that they changed.
 */
const SEALED_KEYS = new Set(["taxId", "idDocumentNumber"]);

/** Drops secrets, sealed identifiers and non-JSON values from a before/after snapshot. */
export function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  const flat = flatSnapshot(value);
  if (flat) return flat;
  return JSON.parse(
    JSON.stringify(value, (key, v) =>
      key && (SECRET_KEYS.test(key) || SEALED_KEYS.has(key)) ? (v == null ? v : "[redacted]") : v,
    ),
  ) as Prisma.InputJsonValue;
}

/**
 * The snapshot of a plain object of strings, finite numbers, booleans and nulls with no key to
 * redact, without a JSON round trip (a billing run audits hundreds of thousands of invoices):
 * the same object JSON would give back (undefined values left out). Null for anything else.
 */
function flatSnapshot(value: unknown): Prisma.InputJsonObject | null {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return null;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (SECRET_KEYS.test(key) || SEALED_KEYS.has(key)) return null;
    if (v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)))
      out[key] = v;
    else return null;
  }
  return out;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function record(scope: Scope, input: AuditInput): Promise<void> {
  await scope.tx.auditEntry.create({ data: entry(scope, input) });
}

/**
 * Several entries in one statement (a billing run issues hundreds of invoices per transaction);
 * sent on `pipeline` when given (written by the time it is done).
 */
export async function recordMany(scope: Scope, inputs: readonly AuditInput[], pipeline?: Pipeline): Promise<void> {
  const ids = newOrderedIds(inputs.length);
  const a = scope.actor;
  const columns: Column<AuditInput & { n: number }>[] = [
    ["id", "text", (r) => ids[r.n]],
    ["companyId", "text", same(scope.companyId)],
    ["actorType", '"ActorType"', same(a.type)],
    ["actorId", "text", same(a.id ?? null)],
    ["actorLabel", "text", same(a.label ?? null)],
    ["ip", "text", same(a.ip ?? null)],
    ["userAgent", "text", same(a.userAgent?.slice(0, 300) ?? null)],
    ["action", "text", (r) => r.action],
    ["entityType", "text", (r) => r.entityType],
    ["entityId", "text", (r) => r.entityId ?? null],
    // The snapshot goes into the rows' JSON as it is (undefined, for none, becomes null).
    ["before", "jsonb", (r) => snapshot(r.before)],
    ["after", "jsonb", (r) => snapshot(r.after)],
  ];
  const rows = inputs.map((i, n) => ({ ...i, n }));
  if (pipeline) pipeline.insert("AuditEntry", columns, rows);
  else await insertRows(scope.tx, "AuditEntry", columns, rows);
}

/**
 * One entry per row of `rows` (a CTE of the same statement, e.g. an INSERT's RETURNING), for a
 * change made and audited in one SQL statement (IPAM's next-free allocation, where each round
 * trip counted): every column as record() writes it, and the `after` snapshot built in SQL from
 * the row. The caller answers for the snapshot: it must hold nothing snapshot() would redact.
 */
export function recordSql(
  scope: Tenant,
  input: Omit<AuditInput, "before" | "after">,
  rows: Prisma.Sql,
  after: Prisma.Sql,
): Prisma.Sql {
  const e = entry(scope, input);
  return Prisma.sql`
    INSERT INTO "AuditEntry" (id, "companyId", "actorType", "actorId", "actorLabel", ip, "userAgent", action, "entityType", "entityId", after)
    SELECT ${e.id}, ${e.companyId}, ${e.actorType}::"ActorType", ${e.actorId}, ${e.actorLabel}, ${e.ip}, ${e.userAgent},
           ${e.action}, ${e.entityType}, ${e.entityId}, ${after}
      FROM ${rows}`;
}

function entry(scope: Tenant, input: AuditInput) {
  return {
    id: newId(),
    companyId: scope.companyId,
    actorType: scope.actor.type,
    actorId: scope.actor.id ?? null,
    actorLabel: scope.actor.label ?? null,
    ip: scope.actor.ip ?? null,
    userAgent: scope.actor.userAgent?.slice(0, 300) ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: snapshot(input.before),
    after: snapshot(input.after),
  };
}

export const auditFilterSchema = z.object({
  ...pagination().shape,
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  entityId: z.string().trim().max(100).optional(),
  actorId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export async function list(scope: Scope, filter: AuditFilter) {
  const f = auditFilterSchema.parse(filter);
  const where: Prisma.AuditEntryWhereInput = {
    action: f.action ? { contains: f.action, mode: "insensitive" } : undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId || undefined,
    actorId: f.actorId || undefined,
    createdAt: f.from || f.to ? { gte: f.from, lte: f.to } : undefined,
  };
  return listPage(f, {
    count: () => scope.tx.auditEntry.count({ where }),
    rows: (window) =>
      scope.tx.auditEntry.findMany({
        where,
        orderBy: { createdAt: "desc" },
        ...window,
      }),
  });
}

/**
 * Deletes at most `limit` of the company's entries created before `cutoff`, for the retention
 * job. The application role cannot delete audit entries itself: the database function does it,
 * and only for entries older than the company's own audit retention (never younger than a year),
 * whatever cutoff it is given (prisma/migrations/…_data_retention, SECURITY.md).
 */
export async function pruneOlderThan(scope: Scope, cutoff: Date, limit: number): Promise<number> {
  const [row] = await scope.tx.$queryRaw<{ deleted: number }[]>`
    SELECT lastmile_prune_audit(${cutoff}::timestamptz, ${limit}::integer) AS deleted`;
  return row?.deleted ?? 0;
}
