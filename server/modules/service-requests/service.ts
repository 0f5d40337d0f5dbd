import type { z } from "zod";
import type { Prisma, ServiceRequest } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as packages from "../packages/service";
import type { Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { toDateString, parseDate } from "../subscriptions/dates";
import { APPLY_ACTION, applyChange, companyToday } from "./apply";
import {
  createServiceRequestSchema,
  DATED_KINDS,
  decideSchema,
  listServiceRequestsSchema,
  rejectSchema,
} from "./schema";

// Changes a customer asks for (portal) or staff record for them; staff approve or reject. Approval
// applies the change through the subscriptions service, so its rules and history hold here too:
// at once when its effective date has come in the company's time zone, otherwise on that date
// (apply.ts and the apply-service-requests job).

/** `byCustomer`: asked in the portal, so only what the portal offers may be chosen. */
export async function create(
  scope: Scope,
  input: z.input<typeof createServiceRequestSchema>,
  { byCustomer = false, now = new Date() }: { byCustomer?: boolean; now?: Date } = {},
) {
  const data = createServiceRequestSchema.parse(input);
  const customer = await scope.tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const today = await companyToday(scope, now);
  if (data.effectiveDate < today)
    throw new Invalid("The effective date cannot be in the past.", { effectiveDate: `Choose ${today} or later.` });

  let subscriptionId: string | null = null;
  if (data.kind !== "NEW_SERVICE") {
    const sub = await scope.tx.subscription.findFirst({
      where: { id: data.subscriptionId!, customerId: customer.id },
      include: { package: true },
    });
    if (!sub) throw new NotFound("Subscription");
    if (sub.status === "TERMINATED")
      throw new Conflict("This subscription is terminated; request new service instead.", {
        subscriptionId: "Terminated.",
      });
    const open = await scope.tx.serviceRequest.findFirst({
      where: { subscriptionId: sub.id, status: "PENDING" },
      select: { id: true },
    });
    if (open) throw new Conflict("This subscription already has a pending request; decide or cancel it first.");
    subscriptionId = sub.id;
    if (data.kind === "UPGRADE" || data.kind === "DOWNGRADE") {
      const target = await packages.getSellable(scope, data.packageId!, { toCustomer: byCustomer });
      if (target.id === sub.packageId)
        throw new Invalid("Choose a different package from the current one.", {
          packageId: "This is the current package.",
        });
      if (target.type !== sub.package.type)
        throw new Invalid(`Choose another ${sub.package.type} package.`, {
          packageId: "A different kind of service: request new service instead.",
        });
      if (data.kind === "UPGRADE" && target.priceMinor <= sub.package.priceMinor) {
        throw new Invalid(`${target.name} does not cost more than ${sub.package.name}: that is not an upgrade.`, {
          packageId: "Choose a package with a higher price, or request a downgrade.",
        });
      }
      if (data.kind === "DOWNGRADE" && target.priceMinor >= sub.package.priceMinor) {
        throw new Invalid(`${target.name} does not cost less than ${sub.package.name}: that is not a downgrade.`, {
          packageId: "Choose a package with a lower price, or request an upgrade.",
        });
      }
    }
  } else {
    await packages.getSellable(scope, data.packageId!, { toCustomer: byCustomer });
  }

  const request = await scope.tx.serviceRequest.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      customerId: customer.id,
      subscriptionId,
      kind: data.kind,
      packageId: data.kind === "RELOCATION" || data.kind === "TERMINATION" ? null : data.packageId!,
      newAddress: data.kind === "RELOCATION" || data.kind === "NEW_SERVICE" ? (data.newAddress ?? null) : null,
      effectiveDate: parseDate(data.effectiveDate),
      note: data.note ?? null,
      requestedById: scope.actor.id ?? null,
    },
  });
  await audit.record(scope, {
    action: "service_request.create",
    entityType: "ServiceRequest",
    entityId: request.id,
    after: request,
  });
  return request;
}

export async function list(scope: Scope, input: z.input<typeof listServiceRequestsSchema>) {
  const f = listServiceRequestsSchema.parse(input);
  const where: Prisma.ServiceRequestWhereInput = { status: f.status, kind: f.kind, customerId: f.customerId };
  return listPage(f, {
    count: () => scope.tx.serviceRequest.count({ where }),
    rows: (window) =>
      scope.tx.serviceRequest.findMany({
        where,
        include: {
          customer: { select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true } },
          subscription: {
            select: {
              id: true,
              pppoeUsername: true,
              status: true,
              installationAddress: true,
              package: { select: { id: true, name: true, priceMinor: true } },
            },
          },
          package: { select: { id: true, name: true, priceMinor: true } },
        },
        // PENDING sorts first (enum order), then approved changes that could not be applied (they
        // need staff), then newest first.
        orderBy: [
          { status: "asc" },
          { applyError: { sort: "asc", nulls: "last" } },
          { createdAt: "desc" },
          { id: "asc" },
        ],
        ...window,
      }),
  });
}

async function loadPending(scope: Scope, id: string): Promise<ServiceRequest> {
  const request = await scope.tx.serviceRequest.findUnique({ where: { id } });
  if (!request) throw new NotFound("Service request");
  if (request.status !== "PENDING") throw new Conflict(`This request is already ${request.status.toLowerCase()}.`);
  return request;
}

/**
 * Approves a request. A change to an existing subscription whose effective date has come (in the
 * company's time zone, at `now`) is applied at once and appliedAt set; a later one waits for the
 * apply-service-requests job. A change that cannot be applied now (package archived meanwhile…) refuses the
 * approval, so staff see why and can reject instead.
 */
export async function approve(scope: Scope, input: z.input<typeof decideSchema>, now: Date = new Date()) {
  const { id, note } = decideSchema.parse(input);
  const request = await loadPending(scope, id);
  // Claimed like the job claims: of two staff approving at once, the second finds it decided.
  const claimed = await scope.tx.serviceRequest.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "APPROVED", decidedById: scope.actor.id ?? null, decidedAt: now, decisionNote: note || null },
  });
  if (claimed.count === 0) throw new Conflict("This request was decided meanwhile.");
  const effective = toDateString(request.effectiveDate!);
  let subscriptionId = request.subscriptionId;
  let pppoePassword: string | null = null;
  let pppoeUsername: string | null = null;
  let applied = false;

  if (request.kind === "NEW_SERVICE") {
    // The subscription is created now, PENDING until installed; its start date carries the date.
    const customer = await scope.tx.customer.findUniqueOrThrow({
      where: { id: request.customerId },
      select: { serviceAddress: true },
    });
    const created = await subscriptions.create(scope, {
      customerId: request.customerId,
      packageId: request.packageId!,
      startDate: effective,
      installationAddress: request.newAddress ?? customer.serviceAddress ?? undefined,
    });
    subscriptionId = created.subscription.id;
    pppoePassword = created.pppoePassword;
    pppoeUsername = created.subscription.pppoeUsername;
    applied = true;
  } else if (effective <= (await companyToday(scope, now))) {
    await applyChange(scope, { ...request, decisionNote: note || null });
    applied = true;
  }
  const after = await scope.tx.serviceRequest.update({
    where: { id },
    data: { subscriptionId, appliedAt: applied ? now : null },
  });
  await audit.record(scope, {
    action: "service_request.approve",
    entityType: "ServiceRequest",
    entityId: id,
    before: { status: "PENDING" },
    after: { status: "APPROVED", applied, effectiveDate: effective, subscriptionId },
  });
  if (applied && request.kind !== "NEW_SERVICE") {
    await audit.record(scope, {
      action: APPLY_ACTION,
      entityType: "ServiceRequest",
      entityId: id,
      after: { kind: request.kind, subscriptionId, effectiveDate: effective, appliedAt: now },
    });
  }
  // A new PPPoE login's password leaves the server here once, as on creating a subscription.
  return { request: after, applied, pppoeUsername, pppoePassword };
}

/**
 * Tries again a change the job could not apply (applyError set), once staff fixed the cause.
 * If it still fails, nothing changes and the error is the answer.
 */
export async function retryApply(scope: Scope, input: z.input<typeof decideSchema>, now: Date = new Date()) {
  const { id } = decideSchema.parse(input);
  const request = await scope.tx.serviceRequest.findUnique({ where: { id } });
  if (!request) throw new NotFound("Service request");
  if (request.status !== "APPROVED" || request.appliedAt || !request.applyError)
    throw new Conflict("Only an approved change that could not be applied can be tried again.");
  const claimed = await scope.tx.serviceRequest.updateMany({
    where: { id, status: "APPROVED", appliedAt: null, applyError: { not: null } },
    data: { appliedAt: now, applyError: null },
  });
  if (claimed.count === 0) throw new Conflict("This request changed meanwhile; reload the list.");
  await applyChange(scope, request);
  await audit.record(scope, {
    action: APPLY_ACTION,
    entityType: "ServiceRequest",
    entityId: id,
    before: { applyError: request.applyError },
    after: { kind: request.kind, subscriptionId: request.subscriptionId, appliedAt: now, retried: true },
  });
  return scope.tx.serviceRequest.findUniqueOrThrow({ where: { id } });
}

export async function reject(scope: Scope, input: z.input<typeof rejectSchema>) {
  const { id, note } = rejectSchema.parse(input);
  await loadPending(scope, id);
  const after = await scope.tx.serviceRequest.update({
    where: { id },
    data: { status: "REJECTED", decidedById: scope.actor.id ?? null, decidedAt: new Date(), decisionNote: note },
  });
  await audit.record(scope, {
    action: "service_request.reject",
    entityType: "ServiceRequest",
    entityId: id,
    before: { status: "PENDING" },
    after: { status: "REJECTED", note },
  });
  return after;
}

/**
 * The customer withdrew the request: while it waits for a decision, or approved but not yet
 * applied (a termination next month the customer no longer wants; a change that failed).
 */
export async function cancel(scope: Scope, input: z.input<typeof decideSchema>) {
  const { id, note } = decideSchema.parse(input);
  const request = await scope.tx.serviceRequest.findUnique({ where: { id } });
  if (!request) throw new NotFound("Service request");
  // (New service approved before appliedAt existed has it null too, but its subscription exists.)
  const cancellable = {
    OR: [
      { status: "PENDING" as const },
      { status: "APPROVED" as const, appliedAt: null, kind: { in: [...DATED_KINDS] } },
    ],
  };
  // Conditional, so a cancellation and the job applying the change cannot both win.
  const done = await scope.tx.serviceRequest.updateMany({
    where: { id, ...cancellable },
    data: {
      status: "CANCELLED",
      decidedById: scope.actor.id ?? null,
      decidedAt: new Date(),
      decisionNote: note || null,
    },
  });
  if (done.count === 0) {
    throw new Conflict(
      request.status === "APPROVED"
        ? "This change is already applied; request another change instead."
        : `This request is already ${request.status.toLowerCase()}.`,
    );
  }
  await audit.record(scope, {
    action: "service_request.cancel",
    entityType: "ServiceRequest",
    entityId: id,
    before: { status: request.status },
    after: { status: "CANCELLED" },
  });
  return scope.tx.serviceRequest.findUniqueOrThrow({ where: { id } });
}
