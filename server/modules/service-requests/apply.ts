import type { ServiceRequest } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { DomainError, NotFound } from "../../lib/errors";
import * as audit from "../audit/service";
import { repairPlanChange } from "../billing/plan-change";
import { systemActor, type Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { DATED_KINDS } from "./schema";
import { log } from "../../lib/log";

// Approved changes take effect on their effective date, a calendar date in the company's time
// zone. Approval applies a change whose date has come (service.ts); the rest wait, with
// appliedAt null, for applyDue(), which the apply-service-requests job runs for every company.
//
// Exactly once: a request is claimed by a conditional update (appliedAt still null) in the same
// transaction that changes the subscription. A second run, or one running at the same moment,
// waits on the row lock, then finds appliedAt set and skips it; if the change fails, the claim
// rolls back with it and the failure is recorded instead.

export const APPLY_ACTION = "service_request.apply";
export const APPLY_FAILED_ACTION = "service_request.apply_failed";

export async function companyToday(scope: Scope, now: Date = new Date()): Promise<string> {
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  return todayIn(company.timeZone, now);
}

/** Makes an approved request's change on its subscription, through the subscriptions service. */
export async function applyChange(scope: Scope, request: ServiceRequest): Promise<void> {
  if (request.kind === "NEW_SERVICE") throw new Error("New service is applied when it is approved.");
  const effective = toDateString(request.effectiveDate!);
  // The references are cleared (ON DELETE SET NULL) if the subscription or package was deleted
  // while the change waited: a refusal staff can see, not a crash the job would retry forever.
  const subscriptionId = request.subscriptionId;
  if (!subscriptionId) throw new NotFound("Subscription");
  switch (request.kind) {
    case "UPGRADE":
    case "DOWNGRADE":
      if (!request.packageId) throw new NotFound("Package");
      // Before the change, while the billed package is still the subscription's: credit its unused
      // days and charge the new package's on the next invoice, once per request.
      await repairPlanChange(scope, {
        subscriptionId,
        effectiveDate: effective,
        newPackageId: request.packageId,
        sourceKey: `service-request:${request.id}`,
      });
      // Re-provisions (new rate limit) exactly as a staff package change does; billing prorates
      // from the effective date recorded in the history.
      await subscriptions.changePackage(
        scope,
        subscriptionId,
        request.packageId,
        effective,
        `Service request ${request.kind.toLowerCase()} approved`,
      );
      return;
    case "RELOCATION":
      await subscriptions.relocate(scope, subscriptionId, request.newAddress!, effective);
      return;
    case "TERMINATION": {
      await repairPlanChange(scope, {
        subscriptionId,
        effectiveDate: effective,
        newPackageId: null,
        sourceKey: `service-request:${request.id}`,
      });
      const note = request.decisionNote ? `: ${request.decisionNote}` : "";
      await subscriptions.transition(scope, "terminate", {
        id: subscriptionId,
        reason: `Termination requested (service request ${request.id}, effective ${effective})${note}`.slice(0, 500),
      });
      return;
    }
  }
}

export interface ApplyDueResult {
  applied: number;
  failed: number;
  /** Not applied because of an unexpected error (logged); the next run tries them again. */
  retrying: number;
}

/**
 * Applies every approved request of one company whose effective date has come in the company's
 * time zone at `now`. One transaction per request, so a failing one neither blocks nor undoes
 * the others. A business-rule refusal (the subscription was terminated meanwhile, the package
 * archived) is recorded on the request and in the audit log for staff to retry or cancel; the
 * job does not retry it by itself, since it would fail the same way every time.
 */
export async function applyDue(companyId: string, now: Date = new Date()): Promise<ApplyDueResult> {
  const due = await withTenant(companyId, async (tx) => {
    const today = await companyToday({ tx, companyId, actor: systemActor }, now);
    return tx.serviceRequest.findMany({
      where: {
        status: "APPROVED",
        appliedAt: null,
        applyError: null,
        kind: { in: [...DATED_KINDS] },
        effectiveDate: { lte: parseDate(today) },
      },
      select: { id: true },
      // Oldest date first, so two changes of one subscription happen in the order they were meant to.
      orderBy: [{ effectiveDate: "asc" }, { decidedAt: "asc" }, { id: "asc" }],
    });
  });

  const result: ApplyDueResult = { applied: 0, failed: 0, retrying: 0 };
  for (const { id } of due) {
    try {
      if (await applyOne(companyId, id, now)) result.applied++;
    } catch (err) {
      if (err instanceof DomainError) {
        if (await recordFailure(companyId, id, err.message)) result.failed++;
      } else {
        // Not a rule of ours (the database went away, a bug): leave it waiting for the next run.
        log.error({ err, serviceRequestId: id }, "applying a service request failed");
        result.retrying++;
      }
    }
  }
  return result;
}

/** Claims and applies one request; false when another run got to it first. */
async function applyOne(companyId: string, id: string, now: Date): Promise<boolean> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const claimed = await tx.serviceRequest.updateMany({
      where: { id, status: "APPROVED", appliedAt: null, applyError: null },
      data: { appliedAt: now },
    });
    if (claimed.count === 0) return false;
    const request = await tx.serviceRequest.findUniqueOrThrow({ where: { id } });
    await applyChange(scope, request);
    await audit.record(scope, {
      action: APPLY_ACTION,
      entityType: "ServiceRequest",
      entityId: id,
      after: {
        kind: request.kind,
        subscriptionId: request.subscriptionId,
        effectiveDate: request.effectiveDate,
        appliedAt: now,
      },
    });
    return true;
  });
}

/** In its own transaction (the attempt's rolled back); only the first of racing runs records it. */
async function recordFailure(companyId: string, id: string, message: string): Promise<boolean> {
  return withTenant(companyId, async (tx) => {
    const error = message.slice(0, 500);
    const marked = await tx.serviceRequest.updateMany({
      where: { id, status: "APPROVED", appliedAt: null, applyError: null },
      data: { applyError: error },
    });
    if (marked.count === 0) return false;
    await audit.record(
      { tx, companyId, actor: systemActor },
      { action: APPLY_FAILED_ACTION, entityType: "ServiceRequest", entityId: id, after: { error } },
    );
    return true;
  });
}
