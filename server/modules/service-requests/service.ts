import { inOrder } from "../../db/tenant";
import type { z } from "zod";
import type { Prisma, ServiceRequest } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import * as packages from "../packages/service";
import type { Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { todayIn, toDateString, parseDate } from "../subscriptions/dates";
import { createServiceRequestSchema, decideSchema, listServiceRequestsSchema, rejectSchema } from "./schema";

// Changes a customer asks for (portal) or staff record for them; staff approve or reject. Approval
// applies the change through the subscriptions service, so its rules and history hold here too.

async function companyToday(scope: Scope): Promise<string> {
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } });
  return todayIn(company.timeZone);
}

export async function create(scope: Scope, input: z.input<typeof createServiceRequestSchema>) {
  const data = createServiceRequestSchema.parse(input);
  const customer = await scope.tx.customer.findUnique({ where: { id: data.customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  const today = await companyToday(scope);
  if (data.effectiveDate < today) throw new Invalid("The effective date cannot be in the past.", { effectiveDate: `Choose ${today} or later.` });

  let subscriptionId: string | null = null;
  if (data.kind !== "NEW_SERVICE") {
    const sub = await scope.tx.subscription.findFirst({ where: { id: data.subscriptionId!, customerId: customer.id }, include: { package: true } });
    if (!sub) throw new NotFound("Subscription");
    if (sub.status === "TERMINATED") throw new Conflict("This subscription is terminated; request new service instead.", { subscriptionId: "Terminated." });
    const open = await scope.tx.serviceRequest.findFirst({ where: { subscriptionId: sub.id, status: "PENDING" }, select: { id: true } });
    if (open) throw new Conflict("This subscription already has a pending request; decide or cancel it first.");
    subscriptionId = sub.id;
    if (data.kind === "UPGRADE" || data.kind === "DOWNGRADE") {
      const target = await packages.getSellable(scope, data.packageId!);
      if (target.id === sub.packageId) throw new Invalid("Choose a different package from the current one.", { packageId: "This is the current package." });
      if (target.type !== sub.package.type) throw new Invalid(`Choose another ${sub.package.type} package.`, { packageId: "A different kind of service: request new service instead." });
      if (data.kind === "UPGRADE" && target.priceMinor <= sub.package.priceMinor) {
        throw new Invalid(`${target.name} does not cost more than ${sub.package.name}: that is not an upgrade.`, { packageId: "Choose a package with a higher price, or request a downgrade." });
      }
      if (data.kind === "DOWNGRADE" && target.priceMinor >= sub.package.priceMinor) {
        throw new Invalid(`${target.name} does not cost less than ${sub.package.name}: that is not a downgrade.`, { packageId: "Choose a package with a lower price, or request an upgrade." });
      }
    }
  } else {
    await packages.getSellable(scope, data.packageId!);
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
  await audit.record(scope, { action: "service_request.create", entityType: "ServiceRequest", entityId: request.id, after: request });
  return request;
}

export async function list(scope: Scope, input: z.input<typeof listServiceRequestsSchema>) {
  const f = listServiceRequestsSchema.parse(input);
  const where: Prisma.ServiceRequestWhereInput = { status: f.status, kind: f.kind, customerId: f.customerId };
  const [total, rows] = await inOrder([
    scope.tx.serviceRequest.count({ where }),
    scope.tx.serviceRequest.findMany({
      where,
      include: {
        customer: { select: { id: true, accountNumber: true, firstName: true, lastName: true, businessName: true } },
        subscription: { select: { id: true, pppoeUsername: true, status: true, installationAddress: true, package: { select: { id: true, name: true, priceMinor: true } } } },
        package: { select: { id: true, name: true, priceMinor: true } },
      },
      // PENDING sorts first (enum order), then the oldest waiting first among pending, newest first otherwise.
      orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    }),
  ]);
  return { total, page: f.page, pageSize: f.pageSize, pageCount: Math.max(1, Math.ceil(total / f.pageSize)), rows };
}

async function loadPending(scope: Scope, id: string): Promise<ServiceRequest> {
  const request = await scope.tx.serviceRequest.findUnique({ where: { id } });
  if (!request) throw new NotFound("Service request");
  if (request.status !== "PENDING") throw new Conflict(`This request is already ${request.status.toLowerCase()}.`);
  return request;
}

export async function approve(scope: Scope, input: z.input<typeof decideSchema>) {
  const { id, note } = decideSchema.parse(input);
  const request = await loadPending(scope, id);
  const effective = toDateString(request.effectiveDate!);
  const due = effective <= (await companyToday(scope));
  let subscriptionId = request.subscriptionId;
  let pppoePassword: string | null = null;
  let pppoeUsername: string | null = null;
  let applied = true;

  switch (request.kind) {
    case "UPGRADE":
    case "DOWNGRADE":
      // Effective today: switch now. Later: the approval and its date are recorded only; the switch
      // is made on that date (billing, its own issue, prorates from the recorded effective date).
      if (due) await subscriptions.changePackage(scope, subscriptionId!, request.packageId!, effective, `Service request ${request.kind.toLowerCase()} approved`);
      else applied = false;
      break;
    case "RELOCATION":
      await subscriptions.relocate(scope, subscriptionId!, request.newAddress!, effective);
      break;
    case "TERMINATION":
      await subscriptions.transition(scope, "terminate", { id: subscriptionId!, reason: `Termination requested (service request, effective ${effective})${note ? `: ${note}` : ""}` });
      break;
    case "NEW_SERVICE": {
      const customer = await scope.tx.customer.findUniqueOrThrow({ where: { id: request.customerId }, select: { serviceAddress: true } });
      const created = await subscriptions.create(scope, {
        customerId: request.customerId,
        packageId: request.packageId!,
        startDate: effective,
        installationAddress: request.newAddress ?? customer.serviceAddress ?? undefined,
      });
      subscriptionId = created.subscription.id;
      pppoePassword = created.pppoePassword;
      pppoeUsername = created.subscription.pppoeUsername;
      break;
    }
  }
  const after = await scope.tx.serviceRequest.update({
    where: { id },
    data: { status: "APPROVED", decidedById: scope.actor.id ?? null, decidedAt: new Date(), decisionNote: note || null, subscriptionId },
  });
  await audit.record(scope, { action: "service_request.approve", entityType: "ServiceRequest", entityId: id, before: { status: "PENDING" }, after: { status: "APPROVED", applied, subscriptionId } });
  // A new PPPoE login's password leaves the server here once, as on creating a subscription.
  return { request: after, applied, pppoeUsername, pppoePassword };
}

export async function reject(scope: Scope, input: z.input<typeof rejectSchema>) {
  const { id, note } = rejectSchema.parse(input);
  await loadPending(scope, id);
  const after = await scope.tx.serviceRequest.update({ where: { id }, data: { status: "REJECTED", decidedById: scope.actor.id ?? null, decidedAt: new Date(), decisionNote: note } });
  await audit.record(scope, { action: "service_request.reject", entityType: "ServiceRequest", entityId: id, before: { status: "PENDING" }, after: { status: "REJECTED", note } });
  return after;
}

export async function cancel(scope: Scope, input: z.input<typeof decideSchema>) {
  const { id, note } = decideSchema.parse(input);
  await loadPending(scope, id);
  const after = await scope.tx.serviceRequest.update({ where: { id }, data: { status: "CANCELLED", decidedById: scope.actor.id ?? null, decidedAt: new Date(), decisionNote: note || null } });
  await audit.record(scope, { action: "service_request.cancel", entityType: "ServiceRequest", entityId: id, before: { status: "PENDING" }, after: { status: "CANCELLED" } });
  return after;
}
