import { z } from "zod";
import type { ServiceRequestKind, ServiceRequestStatus } from "../../db/generated/prisma/enums";
import { id, optionalId, pagination } from "../../lib/schema";

// Schemas are pure zod, so the console (and later the portal) use these same rules.

export const SERVICE_REQUEST_KINDS = [
  "NEW_SERVICE",
  "UPGRADE",
  "DOWNGRADE",
  "RELOCATION",
  "TERMINATION",
] as const satisfies readonly ServiceRequestKind[];
export const SERVICE_REQUEST_STATUSES = [
  "PENDING",
  "APPROVED",
  "REJECTED",
  "CANCELLED",
] as const satisfies readonly ServiceRequestStatus[];

export const SERVICE_REQUEST_KIND_LABELS: Record<ServiceRequestKind, string> = {
  NEW_SERVICE: "New service",
  UPGRADE: "Upgrade",
  DOWNGRADE: "Downgrade",
  RELOCATION: "Relocation",
  TERMINATION: "Termination",
};

/**
 * The kinds that change an existing subscription. They take effect on their effective date: at
 * approval when that date has come, otherwise by the apply-service-requests job. (New service
 * creates its subscription at approval; the subscription's start date carries the date.)
 */
export const DATED_KINDS = [
  "UPGRADE",
  "DOWNGRADE",
  "RELOCATION",
  "TERMINATION",
] as const satisfies readonly ServiceRequestKind[];

/** Where an approved request's change stands, as staff, the customer and the timeline see it. */
export type ApplyState =
  { state: "waiting"; on: Date } | { state: "applied"; at: Date } | { state: "failed"; error: string };

type DateLike = Date | string;
export function applyStateOf(r: {
  kind: ServiceRequestKind;
  status: ServiceRequestStatus;
  effectiveDate: DateLike | null;
  appliedAt: DateLike | null;
  applyError: string | null;
  decidedAt: DateLike | null;
}): ApplyState | null {
  if (r.status !== "APPROVED") return null;
  if (r.appliedAt) return { state: "applied", at: new Date(r.appliedAt) };
  // Approved before appliedAt existed (its migration back-filled only dated kinds that were due).
  if (!(DATED_KINDS as readonly string[]).includes(r.kind))
    return r.decidedAt ? { state: "applied", at: new Date(r.decidedAt) } : null;
  if (r.applyError) return { state: "failed", error: r.applyError };
  return r.effectiveDate ? { state: "waiting", on: new Date(r.effectiveDate) } : null;
}

export const createServiceRequestSchema = z
  .object({
    customerId: id,
    kind: z.enum(SERVICE_REQUEST_KINDS, { error: "Choose what the customer asks for." }),
    subscriptionId: optionalId,
    packageId: optionalId,
    newAddress: z.string().trim().max(500).nullish(),
    effectiveDate: z.iso.date("Enter the date as YYYY-MM-DD."),
    note: z.string().trim().max(2000).nullish(),
  })
  .superRefine((r, ctx) => {
    const need = (path: "subscriptionId" | "packageId" | "newAddress", message: string) => {
      if (!r[path]) ctx.addIssue({ code: "custom", path: [path], message });
    };
    if (r.kind !== "NEW_SERVICE") need("subscriptionId", "Choose the subscription this request is about.");
    if (r.kind === "NEW_SERVICE" || r.kind === "UPGRADE" || r.kind === "DOWNGRADE")
      need("packageId", "Choose the package the customer wants.");
    if (r.kind === "RELOCATION") need("newAddress", "Enter the new installation address.");
  });

export const listServiceRequestsSchema = z.object({
  ...pagination().shape,
  status: z.enum(SERVICE_REQUEST_STATUSES).optional(),
  kind: z.enum(SERVICE_REQUEST_KINDS).optional(),
  customerId: id.optional(),
});

export const decideSchema = z.object({ id, note: z.string().trim().max(1000).optional() });
export const rejectSchema = z.object({
  id,
  note: z.string().trim().min(3, "Tell the customer why the request is rejected.").max(1000),
});
