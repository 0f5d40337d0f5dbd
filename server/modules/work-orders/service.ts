import type { z } from "zod";
import { can } from "../../auth/permissions";
import type { Prisma, WorkOrder } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as companies from "../companies/service";
import * as counters from "../counters/service";
import { customerDisplayName, formatAccountNumber } from "../customers/schema";
import * as customers from "../customers/service";
import { ensureCpeForSubscription } from "../devices/cpe";
import { deployFromVan, settleJobEquipment } from "../inventory/assets";
import { requireDevice } from "../devices/service";
import type { Scope } from "../scope";
import { type FieldAgent, visibleTo } from "./access";
import * as storage from "../storage/service";
import * as subscriptions from "../subscriptions/service";
import {
  advanceSchema,
  cancelSchema,
  completeSchema,
  createWorkOrderSchema,
  dateIn,
  defaultChecklist,
  deployUnitSchema,
  equipmentSchema,
  formatWorkOrderNumber,
  isOpen,
  KIND_LABELS,
  listWorkOrdersSchema,
  mapLinks,
  MEASUREMENTS,
  measurementSchema,
  NEXT_STATUS,
  OPEN_STATUSES,
  photosSchema,
  prefillSchema,
  removeChildSchema,
  signatureSchema,
  STATUS_LABELS,
  STEP_LABELS,
  tickSchema,
  updateWorkOrderSchema,
  wallTimeToUtc,
  type ChecklistItem,
  type whenSchema,
} from "./schema";

// Field work orders: a visit by a technician (installation, repair, maintenance, site survey)
// in a time window at an address. Dispatchers (work_orders:manage) create, schedule, assign and
// cancel; the technician on the job (work_orders:perform) moves it SCHEDULED → EN_ROUTE →
// ON_SITE → COMPLETED and records what happened on site. A technician without manage sees and
// touches only the jobs assigned to them: others' jobs are "not found", not "forbidden".

export const NUMBER_COUNTER = "work_order";
export type { FieldAgent };

// ── presentation ────────────────────────────────────────────────────────────────────────────

const SUMMARY_INCLUDE = {
  customer: {
    select: {
      id: true,
      accountNumber: true,
      type: true,
      firstName: true,
      lastName: true,
      businessName: true,
      phone: true,
      altPhone: true,
    },
  },
  technician: { select: { id: true, name: true, email: true } },
  ticket: { select: { id: true, number: true, subject: true } },
  device: { select: { id: true, name: true } },
  subscription: {
    select: { id: true, status: true, pppoeUsername: true, cpeSerial: true, package: { select: { name: true } } },
  },
} as const satisfies Prisma.WorkOrderInclude;

type SummaryRow = Prisma.WorkOrderGetPayload<{ include: typeof SUMMARY_INCLUDE }>;

function checklistOf(w: Pick<WorkOrder, "checklist">): ChecklistItem[] {
  const raw = Array.isArray(w.checklist) ? (w.checklist as Partial<ChecklistItem>[]) : [];
  return raw.map((i) => ({ label: String(i.label ?? ""), done: i.done === true, required: i.required !== false }));
}

const coordinate = (d: Prisma.Decimal | null) => (d === null ? null : d.toString());

function summary(w: SummaryRow) {
  const latitude = coordinate(w.latitude);
  const longitude = coordinate(w.longitude);
  const checklist = checklistOf(w);
  return {
    id: w.id,
    number: w.number,
    numberLabel: formatWorkOrderNumber(w.number),
    kind: w.kind,
    status: w.status,
    title: w.title,
    instructions: w.instructions,
    windowStart: w.windowStart,
    windowEnd: w.windowEnd,
    address: w.address,
    latitude,
    longitude,
    map: latitude !== null && longitude !== null ? mapLinks(latitude, longitude) : null,
    customer: w.customer
      ? {
          id: w.customer.id,
          accountNo: formatAccountNumber(w.customer.accountNumber),
          displayName: customerDisplayName(w.customer),
          phone: w.customer.phone,
          altPhone: w.customer.altPhone,
        }
      : null,
    technician: w.technician,
    ticket: w.ticket,
    device: w.device,
    subscription: w.subscription
      ? {
          id: w.subscription.id,
          status: w.subscription.status,
          pppoeUsername: w.subscription.pppoeUsername,
          cpeSerial: w.subscription.cpeSerial,
          packageName: w.subscription.package.name,
        }
      : null,
    checklist,
    checklistDone: checklist.filter((i) => i.done).length,
    startedAt: w.startedAt,
    arrivedAt: w.arrivedAt,
    completedAt: w.completedAt,
    completionNotes: w.completionNotes,
    signedByName: w.signedByName,
    signedAt: w.signedAt,
    cancelReason: w.cancelReason,
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
  };
}
export type WorkOrderSummary = ReturnType<typeof summary>;

function presentMeasurement(m: {
  id: string;
  kind: keyof typeof MEASUREMENTS;
  value: Prisma.Decimal;
  note: string | null;
  recordedAt: Date;
}) {
  // The value stays a decimal string end to end: "-19.5", never 19.499999.
  return {
    id: m.id,
    kind: m.kind,
    value: m.value.toString(),
    unit: MEASUREMENTS[m.kind].unit,
    label: MEASUREMENTS[m.kind].label,
    note: m.note,
    recordedAt: m.recordedAt,
  };
}

// ── loading and guards ──────────────────────────────────────────────────────────────────────

async function load(scope: Scope, agent: FieldAgent, id: string): Promise<SummaryRow> {
  const row = await scope.tx.workOrder.findFirst({
    where: { AND: [{ id }, visibleTo(agent)] },
    include: SUMMARY_INCLUDE,
  });
  if (!row) throw new NotFound("Work order");
  return row;
}

const label = (w: Pick<WorkOrder, "number">) => formatWorkOrderNumber(w.number);

/** On-site work (checklist, readings, equipment, photos, signature) needs the technician there. */
function assertOnSite(w: Pick<WorkOrder, "status" | "number">, what: string) {
  if (w.status === "ON_SITE") return;
  if (w.status === "COMPLETED" || w.status === "CANCELLED")
    throw new Conflict(`${label(w)} is ${STATUS_LABELS[w.status].toLowerCase()}; ${what} can no longer be changed.`);
  throw new Invalid(
    `${label(w)} is ${STATUS_LABELS[w.status].toLowerCase()}: tap "${STEP_LABELS.ON_SITE}" first, then record ${what}.`,
  );
}

function assertOpen(w: Pick<WorkOrder, "status" | "number">, doing: string) {
  if (!isOpen(w.status))
    throw new Conflict(`${label(w)} is ${STATUS_LABELS[w.status].toLowerCase()}, so it cannot be ${doing}.`);
}

/**
 * The technician must be an active staff member of this company whose role does field work.
 * Another company's user is invisible under row-level security, so it reads as "not found".
 */
async function assertTechnician(scope: Scope, technicianId: string | null) {
  if (!technicianId) return;
  const user = await scope.tx.user.findFirst({
    where: { id: technicianId },
    select: { id: true, name: true, role: true, status: true },
  });
  if (!user || user.role === "CUSTOMER") {
    throw new DomainError("NOT_FOUND", "Technician not found in your company.", {
      technicianId: "Choose a technician of your company.",
    });
  }
  if (user.status !== "ACTIVE")
    throw new Invalid(`${user.name}'s account is disabled; choose another technician.`, {
      technicianId: "This person's account is disabled.",
    });
  if (!can(user.role, "work_orders:perform")) {
    throw new Invalid(`${user.name} cannot carry out field jobs with their role; choose a field technician.`, {
      technicianId: "This person does not do field jobs.",
    });
  }
}

/** A wall time in the company's zone ("2026-11-25T14:00"), an ISO instant, or a Date → UTC. */
function instant(when: z.output<typeof whenSchema>, timeZone: string, field: string): Date {
  if (when instanceof Date) return when;
  const local = wallTimeToUtc(when, timeZone);
  if (local) return local;
  // An absolute instant must say its offset (…Z or …+03:00); anything else is ambiguous.
  const d = /[zZ]|[+-]\d{2}:?\d{2}$/.test(when) ? new Date(when) : new Date(NaN);
  if (Number.isNaN(d.getTime()))
    throw new Invalid("Enter the date and time as on the form.", { [field]: "Enter a valid date and time." });
  return d;
}

async function windowOf(
  scope: Scope,
  input: { windowStart: z.output<typeof whenSchema>; windowEnd: z.output<typeof whenSchema> },
) {
  const { timeZone } = await companies.get(scope);
  const windowStart = instant(input.windowStart, timeZone, "windowStart");
  const windowEnd = instant(input.windowEnd, timeZone, "windowEnd");
  if (windowEnd.getTime() <= windowStart.getTime())
    throw new Invalid("The time window must end after it starts.", { windowEnd: "Must be after the start." });
  if (windowEnd.getTime() - windowStart.getTime() > 7 * 86_400_000)
    throw new Invalid("A time window can be at most 7 days long.", { windowEnd: "At most 7 days after the start." });
  return { windowStart, windowEnd, timeZone };
}

// ── prefill: from a ticket, a subscription or a customer ────────────────────────────────────

/**
 * What a new work order starts from: the ticket's customer and subscription, the subscription's
 * installation address or the customer's service address and coordinates. The dialog shows it;
 * create() applies the same rules to what was left empty.
 */
export async function prefill(scope: Scope, input: z.input<typeof prefillSchema>) {
  const p = prefillSchema.parse(input);
  let { customerId, subscriptionId } = p;
  let ticket: { id: string; number: number; subject: string } | null = null;
  // The ticket's device (the access point that dropped, the ONT with a red light) is what the job is about.
  let device: { id: string; name: string } | null = null;
  if (p.ticketId) {
    // Read directly: the tickets module exposes no lookup by id for other modules (yet).
    const t = await scope.tx.ticket.findUnique({
      where: { id: p.ticketId },
      select: {
        id: true,
        number: true,
        subject: true,
        customerId: true,
        subscriptionId: true,
        device: { select: { id: true, name: true } },
      },
    });
    if (!t) throw new DomainError("NOT_FOUND", "Ticket not found.", { ticketId: "No such ticket." });
    ticket = { id: t.id, number: t.number, subject: t.subject };
    device = t.device;
    customerId ??= t.customerId;
    subscriptionId ??= t.subscriptionId;
  }
  let subscription: Awaited<ReturnType<typeof subscriptions.get>> | null = null;
  if (subscriptionId) {
    subscription = await subscriptions.get(scope, subscriptionId);
    if (customerId && subscription.customerId !== customerId) {
      throw new Invalid("The subscription belongs to another customer.", {
        subscriptionId: "Not a subscription of this customer.",
      });
    }
    customerId = subscription.customerId;
  }
  const customer = customerId ? await customers.get(scope, customerId) : null;
  const address = subscription?.installationAddress || customer?.serviceAddress || null;
  // A pending subscription is waiting for its installation: that is the job to plan.
  const kind = subscription?.status === "PENDING" ? ("INSTALLATION" as const) : ticket ? ("REPAIR" as const) : null;
  return {
    ticketId: ticket?.id ?? null,
    ticket,
    deviceId: device?.id ?? null,
    device,
    customerId: customer?.id ?? null,
    customer: customer
      ? { id: customer.id, accountNo: customer.accountNo, displayName: customer.displayName, phone: customer.phone }
      : null,
    subscriptionId: subscription?.id ?? null,
    subscription: subscription
      ? {
          id: subscription.id,
          status: subscription.status,
          packageName: subscription.package.name,
          pppoeUsername: subscription.pppoeUsername,
        }
      : null,
    kind,
    address,
    latitude: customer?.serviceLatitude ?? null,
    longitude: customer?.serviceLongitude ?? null,
    title: ticket
      ? `${KIND_LABELS[kind ?? "REPAIR"]}: ${ticket.subject}`
      : customer
        ? `${KIND_LABELS[kind ?? "INSTALLATION"]} for ${customer.displayName}`
        : null,
  };
}

// ── dispatcher: create, update, cancel ──────────────────────────────────────────────────────

export async function create(scope: Scope, input: z.input<typeof createWorkOrderSchema>) {
  const data = createWorkOrderSchema.parse(input);
  const from = await prefill(scope, {
    ticketId: data.ticketId,
    subscriptionId: data.subscriptionId,
    customerId: data.customerId,
  });
  const address = data.address ?? from.address;
  if (!address) throw new Invalid("Enter the address of the job.", { address: "Where should the technician go?" });
  const { windowStart, windowEnd } = await windowOf(scope, data);
  await assertTechnician(scope, data.technicianId);
  // Left out: the ticket's device; null: none, even when the ticket names one.
  const deviceId = data.deviceId === undefined ? from.deviceId : data.deviceId;
  if (deviceId) await requireDevice(scope, deviceId);
  const useCustomerPoint = data.latitude === null && !data.address;
  const number = await counters.next(scope, NUMBER_COUNTER);
  const row = await scope.tx.workOrder.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      number,
      kind: data.kind,
      title:
        data.title ??
        (from.customer
          ? `${KIND_LABELS[data.kind]} for ${from.customer.displayName}`
          : `${KIND_LABELS[data.kind]} at ${address}`
        ).slice(0, 200),
      instructions: data.instructions,
      ticketId: from.ticketId,
      customerId: from.customerId,
      subscriptionId: from.subscriptionId,
      deviceId,
      technicianId: data.technicianId,
      windowStart,
      windowEnd,
      address,
      // The customer's coordinates only when the address is theirs too.
      latitude: useCustomerPoint ? from.latitude : data.latitude,
      longitude: useCustomerPoint ? from.longitude : data.longitude,
      checklist: data.checklist ?? defaultChecklist(data.kind),
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
    },
    include: SUMMARY_INCLUDE,
  });
  const view = summary(row);
  await audit.record(scope, {
    action: "work_order.create",
    entityType: "WorkOrder",
    entityId: row.id,
    after: {
      number: view.numberLabel,
      kind: row.kind,
      title: row.title,
      technicianId: row.technicianId,
      windowStart,
      windowEnd,
      address,
      ticketId: row.ticketId,
      customerId: row.customerId,
      subscriptionId: row.subscriptionId,
      deviceId: row.deviceId,
    },
  });
  return view;
}

export async function update(scope: Scope, agent: FieldAgent, input: z.input<typeof updateWorkOrderSchema>) {
  const { id, ...data } = updateWorkOrderSchema.parse(input);
  const before = await load(scope, agent, id);
  assertOpen(before, "changed");
  const { windowStart, windowEnd } = await windowOf(scope, data);
  if (data.technicianId !== before.technicianId) await assertTechnician(scope, data.technicianId);
  // deviceId left out keeps the job's device (Prisma leaves an undefined field as it is); null clears it.
  if (data.deviceId && data.deviceId !== before.deviceId) await requireDevice(scope, data.deviceId);
  if (!data.technicianId && before.status !== "SCHEDULED") {
    throw new Invalid(`${label(before)} is ${STATUS_LABELS[before.status].toLowerCase()}: it needs its technician.`, {
      technicianId: "A job under way needs a technician.",
    });
  }
  const row = await scope.tx.workOrder.update({
    where: { id },
    data: {
      kind: data.kind,
      title: data.title ?? before.title,
      instructions: data.instructions,
      deviceId: data.deviceId,
      technicianId: data.technicianId,
      windowStart,
      windowEnd,
      address: data.address ?? before.address,
      latitude: data.latitude,
      longitude: data.longitude,
      checklist: data.checklist ?? checklistOf(before),
    },
    include: SUMMARY_INCLUDE,
  });
  const b = summary(before);
  const a = summary(row);
  const keys = [
    "kind",
    "title",
    "instructions",
    "technician",
    "device",
    "windowStart",
    "windowEnd",
    "address",
    "latitude",
    "longitude",
    "checklist",
  ] as const;
  const changed = keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  await audit.record(scope, {
    action: "work_order.update",
    entityType: "WorkOrder",
    entityId: id,
    before: Object.fromEntries(changed.map((k) => [k, b[k]])),
    after: Object.fromEntries(changed.map((k) => [k, a[k]])),
  });
  return a;
}

export async function cancel(scope: Scope, agent: FieldAgent, input: z.input<typeof cancelSchema>) {
  const { id, reason } = cancelSchema.parse(input);
  const before = await load(scope, agent, id);
  assertOpen(before, "cancelled");
  const row = await scope.tx.workOrder.update({
    where: { id },
    data: { status: "CANCELLED", cancelReason: reason },
    include: SUMMARY_INCLUDE,
  });
  await audit.record(scope, {
    action: "work_order.cancel",
    entityType: "WorkOrder",
    entityId: id,
    before: { status: before.status },
    after: { status: "CANCELLED", reason },
  });
  return summary(row);
}

// ── technician: status, checklist, readings, equipment, photos, confirmation ───────────────

/** SCHEDULED → EN_ROUTE → ON_SITE. Completing has its own checks (complete()). */
export async function advance(scope: Scope, agent: FieldAgent, input: z.input<typeof advanceSchema>) {
  const { id, status } = advanceSchema.parse(input);
  const before = await load(scope, agent, id);
  if (before.status === status) return summary(before); // a double tap on a slow network
  if (NEXT_STATUS[before.status] !== status) {
    const next = NEXT_STATUS[before.status];
    const hint = next ? ` The next step is "${STEP_LABELS[next]}".` : "";
    throw new Invalid(
      `${label(before)} is ${STATUS_LABELS[before.status].toLowerCase()}; it cannot become ${STATUS_LABELS[status].toLowerCase()}.${hint}`,
      { status: "Not the next step." },
    );
  }
  if (!before.technicianId)
    throw new Invalid(`Assign a technician to ${label(before)} first.`, { technicianId: "Assign a technician first." });
  const now = new Date();
  const row = await scope.tx.workOrder.update({
    where: { id },
    data: status === "EN_ROUTE" ? { status, startedAt: now } : { status, arrivedAt: now },
    include: SUMMARY_INCLUDE,
  });
  await audit.record(scope, {
    action: "work_order.status_change",
    entityType: "WorkOrder",
    entityId: id,
    before: { status: before.status },
    after: { status },
  });
  return summary(row);
}

export async function tick(scope: Scope, agent: FieldAgent, input: z.input<typeof tickSchema>) {
  const { id, index, done } = tickSchema.parse(input);
  const before = await load(scope, agent, id);
  assertOnSite(before, "the checklist");
  const checklist = checklistOf(before);
  if (!checklist[index]) throw new Invalid("That checklist item no longer exists; reload the job.");
  checklist[index] = { ...checklist[index], done };
  const row = await scope.tx.workOrder.update({ where: { id }, data: { checklist }, include: SUMMARY_INCLUDE });
  await audit.record(scope, {
    action: "work_order.checklist",
    entityType: "WorkOrder",
    entityId: id,
    after: { item: checklist[index].label, done },
  });
  return summary(row);
}

export async function recordMeasurement(scope: Scope, agent: FieldAgent, input: z.input<typeof measurementSchema>) {
  const data = measurementSchema.parse(input);
  const w = await load(scope, agent, data.workOrderId);
  assertOnSite(w, "measurements");
  const row = await scope.tx.signalMeasurement.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      workOrderId: w.id,
      kind: data.kind,
      value: data.value,
      note: data.note,
    },
  });
  const view = presentMeasurement(row);
  await audit.record(scope, {
    action: "work_order.measurement",
    entityType: "WorkOrder",
    entityId: w.id,
    after: { kind: view.kind, value: view.value, unit: view.unit },
  });
  return view;
}

export async function removeMeasurement(scope: Scope, agent: FieldAgent, input: z.input<typeof removeChildSchema>) {
  const { workOrderId, id } = removeChildSchema.parse(input);
  const w = await load(scope, agent, workOrderId);
  assertOnSite(w, "measurements");
  const row = await scope.tx.signalMeasurement.findFirst({ where: { id, workOrderId } });
  if (!row) throw new NotFound("Measurement");
  await scope.tx.signalMeasurement.delete({ where: { id } });
  await audit.record(scope, {
    action: "work_order.measurement_remove",
    entityType: "WorkOrder",
    entityId: w.id,
    before: { kind: row.kind, value: row.value.toString() },
  });
}

/**
 * Records equipment fitted or taken away. A serial that another open job already has as
 * installed is allowed (the other job may be wrong) but answered with a warning to check.
 */
export async function addEquipment(scope: Scope, agent: FieldAgent, input: z.input<typeof equipmentSchema>) {
  const data = equipmentSchema.parse(input);
  const w = await load(scope, agent, data.workOrderId);
  assertOnSite(w, "equipment");
  const same = await scope.tx.workOrderEquipment.findFirst({
    where: { workOrderId: w.id, serial: data.serial, action: data.action },
  });
  if (same)
    throw new Conflict(`${data.serial} is already recorded on this job as ${data.action.toLowerCase()}.`, {
      serial: "Already recorded on this job.",
    });
  const warnings: string[] = [];
  if (data.action !== "REMOVED") {
    const elsewhere = await scope.tx.workOrderEquipment.findMany({
      where: {
        serial: data.serial,
        action: { in: ["INSTALLED", "REPLACED"] },
        workOrderId: { not: w.id },
        workOrder: { status: { in: [...OPEN_STATUSES] } },
      },
      select: { workOrder: { select: { number: true } } },
      take: 5,
    });
    if (elsewhere.length) {
      warnings.push(
        `Serial ${data.serial} is also recorded as installed on open job ${elsewhere.map((e) => label(e.workOrder)).join(", ")}. Check the device's label.`,
      );
    }
  }
  const row = await scope.tx.workOrderEquipment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      workOrderId: w.id,
      action: data.action,
      description: data.description,
      serial: data.serial,
    },
  });
  await audit.record(scope, {
    action: "work_order.equipment",
    entityType: "WorkOrder",
    entityId: w.id,
    after: { action: row.action, description: row.description, serial: row.serial },
  });
  return {
    equipment: {
      id: row.id,
      action: row.action,
      description: row.description,
      serial: row.serial,
      createdAt: row.createdAt,
    },
    warnings,
  };
}

/**
 * The technician deploys a unit from their van on the spot (scanned or typed on the phone): it
 * leaves the van for the customer's subscription now, in this transaction, and is recorded on
 * the job as installed, so completing the job (settleJobEquipment) finds it already deployed.
 */
export async function deployUnit(scope: Scope, agent: FieldAgent, input: z.input<typeof deployUnitSchema>) {
  const data = deployUnitSchema.parse(input);
  const w = await load(scope, agent, data.workOrderId);
  assertOnSite(w, "equipment");
  if (!w.subscriptionId)
    throw new Invalid(`${label(w)} is not for a subscription; record the equipment on the job instead.`, {
      serial: "This job has no subscription to deploy to.",
    });
  const unit = await deployFromVan(scope, agent, {
    serial: data.serial,
    technicianId: w.technicianId,
    subscriptionId: w.subscriptionId,
    workOrderId: w.id,
  });
  const recorded = await scope.tx.workOrderEquipment.findFirst({
    where: { workOrderId: w.id, serial: unit.serial, action: { in: ["INSTALLED", "REPLACED"] } },
  });
  if (!recorded)
    await addEquipment(scope, agent, {
      workOrderId: w.id,
      action: "INSTALLED",
      description: unit.itemName,
      serial: unit.serial,
    });
  return { serial: unit.serial, itemName: unit.itemName, moved: unit.moved };
}

export async function removeEquipment(scope: Scope, agent: FieldAgent, input: z.input<typeof removeChildSchema>) {
  const { workOrderId, id } = removeChildSchema.parse(input);
  const w = await load(scope, agent, workOrderId);
  assertOnSite(w, "equipment");
  const row = await scope.tx.workOrderEquipment.findFirst({ where: { id, workOrderId } });
  if (!row) throw new NotFound("Equipment");
  await scope.tx.workOrderEquipment.delete({ where: { id } });
  await audit.record(scope, {
    action: "work_order.equipment_remove",
    entityType: "WorkOrder",
    entityId: w.id,
    before: { action: row.action, serial: row.serial },
  });
}

const isImage = (contentType: string) => contentType.startsWith("image/");

/** Links photos uploaded through /api/attachments (kind PHOTO) to the job. */
export async function addPhotos(scope: Scope, agent: FieldAgent, input: z.input<typeof photosSchema>) {
  const { workOrderId, attachmentIds } = photosSchema.parse(input);
  const w = await load(scope, agent, workOrderId);
  assertOnSite(w, "photos");
  const linked = await storage.link(scope, attachmentIds, { workOrderId: w.id }, agent.userId);
  const notPhoto = linked.find((a) => a.kind !== "PHOTO" || !isImage(a.contentType));
  // Refused as a whole: the failed procedure rolls the links back.
  if (notPhoto)
    throw new Invalid(`"${notPhoto.fileName}" is not a photo; only photos can be added to a job.`, {
      attachmentIds: "Only photos.",
    });
  await audit.record(scope, {
    action: "work_order.photos",
    entityType: "WorkOrder",
    entityId: w.id,
    after: { photos: linked.map((a) => a.fileName) },
  });
  return linked;
}

export async function removePhoto(scope: Scope, agent: FieldAgent, input: z.input<typeof removeChildSchema>) {
  const { workOrderId, id } = removeChildSchema.parse(input);
  const w = await load(scope, agent, workOrderId);
  assertOnSite(w, "photos");
  const [a] = await storage.attachmentsOf(scope, { workOrderId }, { id, kind: "PHOTO" });
  if (!a) throw new NotFound("Photo");
  await audit.record(scope, {
    action: "work_order.photo_remove",
    entityType: "WorkOrder",
    entityId: w.id,
    before: { fileName: a.fileName },
  });
  await storage.deleteLinked(scope, a);
}

/**
 * The customer's signature, drawn on the technician's phone and uploaded as a PNG (kind
 * SIGNATURE), with the signer's name. Signing again replaces the earlier signature.
 */
export async function sign(scope: Scope, agent: FieldAgent, input: z.input<typeof signatureSchema>) {
  const data = signatureSchema.parse(input);
  const w = await load(scope, agent, data.workOrderId);
  assertOnSite(w, "the customer's signature");
  const [linked] = await storage.link(scope, [data.signatureId], { workOrderId: w.id }, agent.userId);
  if (linked.kind !== "SIGNATURE" || linked.contentType !== "image/png") {
    throw new Invalid("The signature must be the PNG drawn on the signature pad.", {
      signatureId: "Draw the signature again.",
    });
  }
  const earlier = await storage.attachmentsOf(
    scope,
    { workOrderId: w.id },
    { kind: "SIGNATURE", id: { not: linked.id } },
  );
  for (const a of earlier) await storage.deleteLinked(scope, a);
  const row = await scope.tx.workOrder.update({
    where: { id: w.id },
    data: { signedByName: data.signedByName, signedAt: new Date() },
    include: SUMMARY_INCLUDE,
  });
  await audit.record(scope, {
    action: "work_order.signed",
    entityType: "WorkOrder",
    entityId: w.id,
    after: { signedByName: data.signedByName, signatureId: linked.id, replaced: earlier.length },
  });
  return summary(row);
}

/** What still stands between the job and "completed", in words; empty when nothing. */
export function missingForCompletion(
  w: Pick<WorkOrder, "checklist" | "signedAt">,
  customerAbsentNote: string | null,
): { fields: Record<string, string>; messages: string[] } {
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  const open = checklistOf(w).filter((i) => i.required && !i.done);
  if (open.length) {
    const list = open.map((i) => `"${i.label}"`).join(", ");
    messages.push(`tick the required checklist item${open.length === 1 ? "" : "s"} ${list}`);
    fields.checklist = `${open.length} required item${open.length === 1 ? "" : "s"} not ticked.`;
  }
  if (!w.signedAt && !customerAbsentNote) {
    messages.push("get the customer's signature, or note why the customer could not confirm");
    fields.confirmation = "Signature or a note that the customer was not present.";
  }
  return { fields, messages };
}

export async function complete(scope: Scope, agent: FieldAgent, input: z.input<typeof completeSchema>) {
  const data = completeSchema.parse(input);
  const before = await load(scope, agent, data.id);
  if (before.status !== "ON_SITE") {
    if (!isOpen(before.status))
      throw new Conflict(`${label(before)} is already ${STATUS_LABELS[before.status].toLowerCase()}.`);
    throw new Invalid(
      `${label(before)} is ${STATUS_LABELS[before.status].toLowerCase()}: a job is completed on site (tap "${STEP_LABELS.ON_SITE}" first).`,
      { status: "Not on site yet." },
    );
  }
  const { fields, messages } = missingForCompletion(before, data.customerAbsentNote);
  if (messages.length) {
    const text = messages.join("; and ");
    throw new Invalid(`${label(before)} cannot be completed yet: ${text}.`, fields);
  }
  // The schema has one notes column: a customer-absent confirmation leads it, marked as such.
  const notes =
    [
      data.customerAbsentNote && !before.signedAt ? `Customer not present: ${data.customerAbsentNote}` : null,
      data.notes,
    ]
      .filter(Boolean)
      .join("\n\n") || null;
  const row = await scope.tx.workOrder.update({
    where: { id: before.id },
    data: { status: "COMPLETED", completedAt: new Date(), completionNotes: notes },
    include: SUMMARY_INCLUDE,
  });

  // An installation for a pending subscription leaves the CPE's serial on it (if it has none).
  let cpeSerialRecorded: string | null = null;
  let cpe: Awaited<ReturnType<typeof ensureCpeForSubscription>> | null = null;
  if (row.kind === "INSTALLATION" && row.subscriptionId) {
    const fitted = await scope.tx.workOrderEquipment.findFirst({
      where: { workOrderId: row.id, action: { in: ["INSTALLED", "REPLACED"] } },
      orderBy: { createdAt: "asc" },
    });
    if (fitted && (await subscriptions.recordCpeSerial(scope, row.subscriptionId, fitted.serial, label(row))))
      cpeSerialRecorded = fitted.serial;
    // The fitted box joins the inventory as the subscription's CPE, and the job's record of it
    // points at that device (so the device page lists the job, and the serial is one box).
    if (fitted) {
      cpe = await ensureCpeForSubscription(scope, {
        subscriptionId: row.subscriptionId,
        serial: fitted.serial,
        description: fitted.description,
      });
      if (fitted.deviceId !== cpe.deviceId)
        await scope.tx.workOrderEquipment.update({ where: { id: fitted.id }, data: { deviceId: cpe.deviceId } });
    }
  }
  // The inventory follows the job: fitted units leave the technician's van for the customer's,
  // removed ones come back into it (serials the inventory does not know are left alone).
  const recorded = await scope.tx.workOrderEquipment.findMany({
    where: { workOrderId: row.id },
    orderBy: { createdAt: "asc" },
    select: { action: true, serial: true, deviceId: true },
  });
  const stock = await settleJobEquipment(scope, {
    workOrderId: row.id,
    technicianId: row.technicianId,
    subscriptionId: row.subscriptionId,
    equipment: recorded,
  });
  await audit.record(scope, {
    action: "work_order.complete",
    entityType: "WorkOrder",
    entityId: row.id,
    before: { status: before.status },
    after: {
      status: "COMPLETED",
      signedByName: row.signedByName,
      customerAbsent: !before.signedAt,
      cpeSerialRecorded,
      cpeDeviceId: cpe?.deviceId ?? null,
      deployed: stock.deployed,
      returned: stock.returned,
    },
  });
  return {
    ...summary(row),
    cpeSerialRecorded,
    cpeDevice: cpe && { id: cpe.deviceId, name: cpe.name },
    deployed: stock.deployed,
    returned: stock.returned,
  };
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────

/** One job with everything recorded on it. */
export async function get(scope: Scope, agent: FieldAgent, id: string) {
  const w = await load(scope, agent, id);
  const [measurements, equipment, attachments] = await inOrder([
    scope.tx.signalMeasurement.findMany({ where: { workOrderId: id }, orderBy: { recordedAt: "asc" } }),
    scope.tx.workOrderEquipment.findMany({ where: { workOrderId: id }, orderBy: { createdAt: "asc" } }),
    () => storage.attachmentsOf(scope, { workOrderId: id }),
  ]);
  const files = attachments.map(storage.present);
  return {
    ...summary(w),
    measurements: measurements.map(presentMeasurement),
    equipment: equipment.map((e) => ({
      id: e.id,
      action: e.action,
      description: e.description,
      serial: e.serial,
      createdAt: e.createdAt,
    })),
    photos: files.filter((a) => a.kind === "PHOTO"),
    files: files.filter((a) => a.kind === "FILE"),
    signature: files.find((a) => a.kind === "SIGNATURE") ?? null,
    /** What complete() would still ask for (without a customer-absent note). */
    missing: isOpen(w.status) ? missingForCompletion(w, null).messages : [],
  };
}
export type WorkOrderDetail = Awaited<ReturnType<typeof get>>;

/** The UTC instant a calendar date's day starts or ends in a time zone. */
function dayEdge(date: string, timeZone: string, edge: "start" | "end"): Date {
  const start = wallTimeToUtc(`${date}T00:00`, timeZone)!;
  if (edge === "start") return start;
  const [y, m, d] = date.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return wallTimeToUtc(`${next}T00:00`, timeZone)!;
}

export async function list(scope: Scope, agent: FieldAgent, input: z.input<typeof listWorkOrdersSchema>) {
  const f = listWorkOrdersSchema.parse(input);
  const and: Prisma.WorkOrderWhereInput[] = [visibleTo(agent)];
  if (f.status === "open") and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (f.status) and.push({ status: f.status });
  if (f.kind) and.push({ kind: f.kind });
  if (f.technicianId) and.push({ technicianId: f.technicianId === "none" ? null : f.technicianId });
  if (f.customerId) and.push({ customerId: f.customerId });
  if (f.ticketId) and.push({ ticketId: f.ticketId });
  if (f.from || f.to) {
    const { timeZone } = await companies.get(scope);
    if (f.from) and.push({ windowStart: { gte: dayEdge(f.from, timeZone, "start") } });
    if (f.to) and.push({ windowStart: { lt: dayEdge(f.to, timeZone, "end") } });
  }
  if (f.search) {
    const term = f.search;
    const number = /^(?:wo-?)?0*(\d{1,9})$/i.exec(term.replace(/\s+/g, ""));
    and.push({
      OR: [
        ...(number ? [{ number: Number(number[1]) }] : []),
        { title: { contains: term, mode: "insensitive" } },
        { address: { contains: term, mode: "insensitive" } },
        // Customers by name, account number, phone, e-mail or address (the customers module's search).
        { customerId: { in: await customers.idsMatching(scope, term) } },
      ],
    });
  }
  const where: Prisma.WorkOrderWhereInput = { AND: and };
  const orderBy: Prisma.WorkOrderOrderByWithRelationInput[] = [{ [f.sort]: f.direction }, { number: f.direction }];
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.workOrder.count({ where }),
    rows: (window) =>
      scope.tx.workOrder.findMany({
        where,
        include: SUMMARY_INCLUDE,
        orderBy,
        ...window,
      }),
  });
  return {
    ...paging,
    rows: rows.map(summary),
  };
}

/**
 * The signed-in technician's day: today's jobs (and open ones left over from earlier days, first)
 * and what is coming, by the company's calendar.
 */
export async function myJobs(scope: Scope, agent: FieldAgent, now = new Date()) {
  const { timeZone } = await companies.get(scope);
  const today = dateIn(now, timeZone);
  const start = dayEdge(today, timeZone, "start");
  const end = dayEdge(today, timeZone, "end");
  const mine = { technicianId: agent.userId };
  const [overdue, todays, upcoming] = await inOrder([
    scope.tx.workOrder.findMany({
      where: { ...mine, status: { in: [...OPEN_STATUSES] }, windowStart: { lt: start } },
      include: SUMMARY_INCLUDE,
      orderBy: { windowStart: "asc" },
      take: 20,
    }),
    scope.tx.workOrder.findMany({
      where: { ...mine, windowStart: { gte: start, lt: end } },
      include: SUMMARY_INCLUDE,
      orderBy: { windowStart: "asc" },
    }),
    scope.tx.workOrder.findMany({
      where: { ...mine, status: { in: [...OPEN_STATUSES] }, windowStart: { gte: end } },
      include: SUMMARY_INCLUDE,
      orderBy: { windowStart: "asc" },
      take: 30,
    }),
  ]);
  return {
    date: today,
    timeZone,
    overdue: overdue.map(summary),
    today: todays.map(summary),
    upcoming: upcoming.map(summary),
  };
}

/** Staff who can be sent on a job: active, in a role that does field work; field technicians first. */
export async function technicians(scope: Scope) {
  const users = await scope.tx.user.findMany({
    where: { status: "ACTIVE", role: { not: "CUSTOMER" } },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
  return users
    .filter((u) => can(u.role, "work_orders:perform"))
    .sort(
      (a, b) =>
        Number(b.role === "FIELD_TECHNICIAN") - Number(a.role === "FIELD_TECHNICIAN") || a.name.localeCompare(b.name),
    );
}
