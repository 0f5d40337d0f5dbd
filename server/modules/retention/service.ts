import { drain } from "../../db/drain";
import type { RetentionPolicy } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import * as audit from "../audit/service";
import * as idempotency from "../idempotency/prune";
import * as outbox from "../outbox/service";
import * as radius from "../radius/prune";
import type { Actor, Scope } from "../scope";
import {
  DEFAULT_RETENTION,
  RETENTION_KINDS,
  RETENTION_RULES,
  retentionPolicySchema,
  type RetentionKind,
  type RetentionPolicyInput,
  type RetentionPolicyValues,
} from "./schema";

// Data retention: each company chooses how long it keeps RADIUS sessions, daily usage, audit
// entries and sent e-mail (Settings → Data retention, Super Admin only), never below a floor the
// law or billing needs; the nightly job (server/jobs/functions/apply-retention.ts) deletes what
// is older, and idempotency keys past the fixed time the API promises to remember them. The
// rows are deleted by the modules that own them; this module only decides the cutoffs and
// records what each run deleted.

/** Rows per delete statement, each in its own transaction: a big table never needs one giant one. */
export const PRUNE_BATCH = 5000;

export const retentionActor: Actor = { type: "SYSTEM", label: "retention" };

type Pruner = (scope: Scope, cutoff: Date, limit: number) => Promise<number>;

/** Who deletes each kind of record: the module that owns its table. */
const PRUNERS: Record<RetentionKind, Pruner> = {
  radiusSessionDays: radius.pruneSessionsOlderThan,
  usageDays: radius.pruneUsageOlderThan,
  auditDays: audit.pruneOlderThan,
  outboxDays: outbox.pruneOlderThan,
};

/** Rows deleted by one run, by kind of record (radiusSessions, usageDays, auditEntries, sentEmails, idempotencyKeys). */
export type PrunedCounts = Record<string, number>;

const valuesOf = (row: RetentionPolicy): RetentionPolicyValues =>
  Object.fromEntries(RETENTION_KINDS.map((k) => [k, row[k]])) as RetentionPolicyValues;

/** The company's periods (the defaults until someone saves them or the job first runs), and the last run. */
export async function get(scope: Scope) {
  const row = await scope.tx.retentionPolicy.findUnique({ where: { companyId: scope.companyId } });
  return {
    policy: row ? valuesOf(row) : DEFAULT_RETENTION,
    lastRun: row?.lastRunAt ? { at: row.lastRunAt, deleted: (row.lastRunPruned ?? {}) as PrunedCounts } : null,
  };
}

export async function save(scope: Scope, input: RetentionPolicyInput) {
  const values = retentionPolicySchema.parse(input);
  const before = await scope.tx.retentionPolicy.findUnique({ where: { companyId: scope.companyId } });
  await scope.tx.retentionPolicy.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...values },
    update: values,
  });
  await audit.record(scope, {
    action: "retention.update",
    entityType: "Company",
    entityId: scope.companyId,
    before: before ? valuesOf(before) : DEFAULT_RETENTION,
    after: values,
  });
  return get(scope);
}

/** The instant before which a kind's rows go: its period, never less than its floor. */
export function cutoffOf(kind: RetentionKind, days: number, now: Date): Date {
  return new Date(now.getTime() - Math.max(days, RETENTION_RULES[kind].floorDays) * 86_400_000);
}

/**
 * One company's run of the retention job: deletes, kind by kind, the rows older than the
 * company's period, batch after batch, and records the counts (on the settings page and, when
 * anything went, in the audit log). Idempotent: a second run finds nothing older to delete, and
 * two at once share the rows (the owners' deletes skip rows the other run has locked).
 */
export async function prune(companyId: string, now = new Date(), batch = PRUNE_BATCH): Promise<PrunedCounts> {
  const tenant = { companyId, actor: retentionActor };
  const scopeOf = (tx: Scope["tx"]): Scope => ({ ...tenant, tx });
  // The database's audit floor reads the company's row, so the defaults are written down on the
  // first run (a concurrent run's insert wins quietly).
  const policy = await withTenant(companyId, async (tx) => {
    await tx.retentionPolicy.createMany({ data: [{ companyId, ...DEFAULT_RETENTION }], skipDuplicates: true });
    return valuesOf(await tx.retentionPolicy.findUniqueOrThrow({ where: { companyId } }));
  });

  /** Batch after batch, each in its own transaction, until one deletes less than a batch. */
  const pruneAll = (pruner: Pruner, cutoff: Date) => drain(tenant, batch, (scope) => pruner(scope, cutoff, batch));
  const deleted: PrunedCounts = {};
  for (const kind of RETENTION_KINDS) {
    const days = policy[kind];
    deleted[RETENTION_RULES[kind].counted] =
      days === null ? 0 : await pruneAll(PRUNERS[kind], cutoffOf(kind, days, now));
  }
  // Idempotency keys are kept for the time the API reference promises, whatever the company chose.
  deleted.idempotencyKeys = await pruneAll(
    idempotency.pruneOlderThan,
    new Date(now.getTime() - idempotency.IDEMPOTENCY_KEY_DAYS * 86_400_000),
  );

  await withTenant(companyId, async (tx) => {
    await tx.retentionPolicy.update({ where: { companyId }, data: { lastRunAt: new Date(), lastRunPruned: deleted } });
    if (Object.values(deleted).some((n) => n > 0)) {
      await audit.record(scopeOf(tx), {
        action: "retention.pruned",
        entityType: "Company",
        entityId: companyId,
        after: deleted,
      });
    }
  });
  return deleted;
}
