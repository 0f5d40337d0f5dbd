import { z } from "zod";
import type { EquipmentAction, MeasurementKind, WorkOrderKind, WorkOrderStatus } from "../../db/generated/prisma/enums";
import { coordinate } from "../customers/schema";
import { id, optionalId, optionalText, pagination, searchText } from "../../lib/schema";
import { offsetMs } from "../../lib/zone";

// Field work orders: what the dispatcher's dialog and the technician's phone validate with, and
// the rules both show (status flow, measurement ranges, default checklists). Pure zod and data.

export const WORK_ORDER_KINDS = [
  "INSTALLATION",
  "REPAIR",
  "MAINTENANCE",
  "SITE_SURVEY",
] as const satisfies readonly WorkOrderKind[];
export const WORK_ORDER_STATUSES = [
  "SCHEDULED",
  "EN_ROUTE",
  "ON_SITE",
  "COMPLETED",
  "CANCELLED",
] as const satisfies readonly WorkOrderStatus[];
export const OPEN_STATUSES = ["SCHEDULED", "EN_ROUTE", "ON_SITE"] as const satisfies readonly WorkOrderStatus[];
export const EQUIPMENT_ACTIONS = ["INSTALLED", "REMOVED", "REPLACED"] as const satisfies readonly EquipmentAction[];

export const KIND_LABELS: Record<WorkOrderKind, string> = {
  INSTALLATION: "Installation",
  REPAIR: "Repair",
  MAINTENANCE: "Maintenance",
  SITE_SURVEY: "Site survey",
};
export const STATUS_LABELS: Record<WorkOrderStatus, string> = {
  SCHEDULED: "Scheduled",
  EN_ROUTE: "En route",
  ON_SITE: "On site",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};
export const EQUIPMENT_LABELS: Record<EquipmentAction, string> = {
  INSTALLED: "Installed",
  REMOVED: "Removed",
  REPLACED: "Replaced (new one fitted)",
};

/** The flow a job follows. Cancelling has its own action (it needs a reason). */
export const NEXT_STATUS: Partial<Record<WorkOrderStatus, WorkOrderStatus>> = {
  SCHEDULED: "EN_ROUTE",
  EN_ROUTE: "ON_SITE",
  ON_SITE: "COMPLETED",
};
/** What the technician's button says for the next step. */
export const STEP_LABELS: Partial<Record<WorkOrderStatus, string>> = {
  EN_ROUTE: "On my way",
  ON_SITE: "Arrived on site",
  COMPLETED: "Complete job",
};

export const isOpen = (status: WorkOrderStatus) => (OPEN_STATUSES as readonly WorkOrderStatus[]).includes(status);

/** "WO-000042": the one way a work order's number is shown. */
export function formatWorkOrderNumber(n: number): string {
  return `WO-${String(n).padStart(6, "0")}`;
}

/** Measurement kinds with their unit and the range a real reading lies in. */
export const MEASUREMENTS: Record<
  MeasurementKind,
  { label: string; unit: string; min: number; max: number; hint: string }
> = {
  OPTICAL_POWER_DBM: {
    label: "Optical power",
    unit: "dBm",
    min: -40,
    max: 10,
    hint: "Received power at the ONT, e.g. −19.5",
  },
  RSSI_DBM: { label: "Signal strength (RSSI)", unit: "dBm", min: -120, max: 0, hint: "Wireless link, e.g. −62" },
  SNR_DB: { label: "Signal-to-noise (SNR)", unit: "dB", min: 0, max: 60, hint: "e.g. 28" },
  DOWNLOAD_MBPS: { label: "Download speed", unit: "Mbit/s", min: 0, max: 100_000, hint: "Speed test, e.g. 48.7" },
  UPLOAD_MBPS: { label: "Upload speed", unit: "Mbit/s", min: 0, max: 100_000, hint: "Speed test, e.g. 19.2" },
  LATENCY_MS: { label: "Latency", unit: "ms", min: 0, max: 60_000, hint: "Ping, e.g. 12" },
};
export const MEASUREMENT_KINDS = Object.keys(MEASUREMENTS) as MeasurementKind[];

export type ChecklistItem = { label: string; done: boolean; required: boolean };

/** What every job of a kind goes through; the dispatcher may edit it per job. */
export const DEFAULT_CHECKLISTS: Record<WorkOrderKind, { label: string; required: boolean }[]> = {
  INSTALLATION: [
    { label: "Confirm the customer and the installation address", required: true },
    { label: "Mount and connect the ONT / CPE", required: true },
    { label: "Measure optical power or signal at the CPE", required: true },
    { label: "Configure PPPoE and Wi-Fi; test browsing", required: true },
    { label: "Run a speed test with the customer", required: true },
    { label: "Label the drop cable and tidy the installation", required: false },
    { label: "Show the customer the router and how to reach support", required: false },
  ],
  REPAIR: [
    { label: "Confirm the reported fault with the customer", required: true },
    { label: "Check cabling, connectors and power", required: true },
    { label: "Measure the signal", required: true },
    { label: "Fix or replace the faulty part", required: true },
    { label: "Test the service with the customer", required: true },
  ],
  MAINTENANCE: [
    { label: "Inspect equipment, enclosure and cabling", required: true },
    { label: "Clean connectors and check seals", required: false },
    { label: "Measure the signal", required: true },
    { label: "Check firmware and update if due", required: false },
  ],
  SITE_SURVEY: [
    { label: "Check the fibre route or line of sight", required: true },
    { label: "Measure the signal at the proposed point", required: true },
    { label: "Photograph the proposed mounting point", required: true },
    { label: "Note the materials needed", required: false },
  ],
};

export function defaultChecklist(kind: WorkOrderKind): ChecklistItem[] {
  return DEFAULT_CHECKLISTS[kind].map((i) => ({ ...i, done: false }));
}

/** OpenStreetMap and geo: links for a point (any phone's map app opens geo:). */
export function mapLinks(lat: number | string, lng: number | string) {
  const la = String(lat);
  const lo = String(lng);
  return {
    osm: `https://www.openstreetmap.org/?mlat=${encodeURIComponent(la)}&mlon=${encodeURIComponent(lo)}#map=18/${encodeURIComponent(la)}/${encodeURIComponent(lo)}`,
    geo: `geo:${la},${lo}`,
  };
}

/** A search of the address in OpenStreetMap, when there are no coordinates. */
export function addressSearchLink(address: string): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(address)}`;
}

// ── time in the company's zone ──────────────────────────────────────────────────────────────

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** "2026-11-25T14:00" on the company's wall clock → the UTC instant. Null when not that shape. */
export function wallTimeToUtc(wall: string, timeZone: string): Date | null {
  const m = WALL_TIME.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(utc).getUTCDate() !== d || h > 23 || mi > 59) return null;
  let guess = utc - offsetMs(utc, timeZone);
  guess = utc - offsetMs(guess, timeZone); // a second pass settles DST edges
  return new Date(guess);
}

/** An instant as "2026-11-25T14:00" on the company's wall clock (a datetime-local input's value). */
export function toWallTime(at: Date | string, timeZone: string): string {
  const d = typeof at === "string" ? new Date(at) : at;
  const local = new Date(d.getTime() + offsetMs(d, timeZone));
  return local.toISOString().slice(0, 16);
}

/** The calendar date ("2026-11-25") of an instant in the company's zone. */
export function dateIn(at: Date, timeZone: string): string {
  return toWallTime(at, timeZone).slice(0, 10);
}

// ── inputs ──────────────────────────────────────────────────────────────────────────────────

/** A point in time: the form's wall time in the company's zone ("2026-11-25T14:00"), or an absolute instant. */
export const whenSchema = z.union([z.date(), z.string().trim().min(1, "Choose a date and time.").max(40)], {
  error: "Choose a date and time.",
});

export const checklistSchema = z
  .array(
    z.object({
      label: z
        .string()
        .trim()
        .min(1, "A checklist item needs a text.")
        .max(200, "A checklist item can be at most 200 characters."),
      done: z.boolean().default(false),
      required: z.boolean().default(true),
    }),
  )
  .max(40, "At most 40 checklist items.");

/** An id where absent (undefined) and none (null or "") mean different things: left as it is vs cleared. */
const keptId = z
  .string()
  .max(64)
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

const workOrderFields = z.object({
  kind: z.enum(WORK_ORDER_KINDS, { error: "Choose the kind of job." }),
  /** Empty: made from the kind and the customer. */
  title: optionalText(200, "The title"),
  instructions: optionalText(5_000, "Instructions"),
  ticketId: optionalId,
  customerId: optionalId,
  subscriptionId: optionalId,
  /**
   * The device the job is about (chosen with the device picker). Absent: unchanged on an update,
   * the ticket's device on a new job from a ticket; null or "": none.
   */
  deviceId: keptId,
  technicianId: optionalId,
  windowStart: whenSchema,
  windowEnd: whenSchema,
  /** Empty: the customer's service address (or the subscription's installation address). */
  address: optionalText(300, "The address"),
  latitude: coordinate(-90, 90, "Latitude"),
  longitude: coordinate(-180, 180, "Longitude"),
  /** Absent: the kind's default checklist. */
  checklist: checklistSchema.optional(),
});

function coordinatesTogether(v: { latitude: number | null; longitude: number | null }, ctx: z.RefinementCtx) {
  if ((v.latitude === null) !== (v.longitude === null)) {
    ctx.addIssue({
      code: "custom",
      path: [v.latitude === null ? "latitude" : "longitude"],
      message: "Give both latitude and longitude, or neither.",
    });
  }
}

export const createWorkOrderSchema = workOrderFields.superRefine(coordinatesTogether);
export const updateWorkOrderSchema = workOrderFields
  .omit({ ticketId: true, subscriptionId: true, customerId: true })
  .extend({ id })
  .superRefine(coordinatesTogether);

export const prefillSchema = z.object({ ticketId: optionalId, subscriptionId: optionalId, customerId: optionalId });

export const cancelSchema = z.object({
  id,
  reason: z
    .string({ error: "Say why the job is cancelled." })
    .trim()
    .min(3, "Say why the job is cancelled.")
    .max(500, "The reason can be at most 500 characters."),
});

export const advanceSchema = z.object({
  id,
  status: z.enum(["EN_ROUTE", "ON_SITE"], { error: "Choose en route or on site." }),
});

export const tickSchema = z.object({ id, index: z.number().int().min(0).max(39), done: z.boolean() });

/**
 * A reading as typed: a decimal with at most 3 places, kept as text so it reaches the Decimal
 * column exactly (no binary floating point on the way).
 */
export const decimalText = z
  .union([z.string(), z.number()], { error: "Enter a number." })
  .transform((v) =>
    typeof v === "number"
      ? String(v)
      : v
          .trim()
          .replace(",", ".")
          .replace(/^\u2212/, "-"),
  )
  .refine((v) => /^[+-]?\d{1,7}(\.\d{1,3})?$/.test(v), "Enter a number with at most 3 decimals, e.g. -19.5.")
  .transform((v) => v.replace(/^\+/, ""));

export const measurementSchema = z
  .object({
    workOrderId: id,
    kind: z.enum(MEASUREMENT_KINDS as [MeasurementKind, ...MeasurementKind[]], { error: "Choose what was measured." }),
    value: decimalText,
    note: optionalText(300, "The note"),
  })
  .superRefine((v, ctx) => {
    const m = MEASUREMENTS[v.kind];
    const n = Number(v.value);
    // Text compare would be wrong; Number is exact enough for a range check of ≤ 3 decimals.
    if (n < m.min || n > m.max)
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `${m.label} must be between ${m.min} and ${m.max} ${m.unit}.`,
      });
  });

export const equipmentSchema = z.object({
  workOrderId: id,
  action: z.enum(EQUIPMENT_ACTIONS, { error: "Installed, removed or replaced?" }).default("INSTALLED"),
  description: z
    .string({ error: "Say what it is." })
    .trim()
    .min(2, "Say what it is, e.g. Huawei HG8245H ONT.")
    .max(200, "At most 200 characters."),
  serial: z
    .string({ error: "Enter the serial number." })
    .trim()
    .toUpperCase()
    .min(3, "Enter the serial number printed on the device.")
    .max(80, "A serial number can be at most 80 characters.")
    .regex(/^[A-Z0-9][A-Z0-9:._/-]*$/, "Letters, digits and - : . _ / only."),
});

/** A unit deployed from the technician's van on the job, its serial typed or scanned. */
export const deployUnitSchema = equipmentSchema.pick({ workOrderId: true, serial: true });

export const removeChildSchema = z.object({ workOrderId: id, id });

export const photosSchema = z.object({
  workOrderId: id,
  attachmentIds: z.array(id).min(1, "Choose a photo.").max(5, "Add at most 5 photos at a time."),
});

export const signatureSchema = z.object({
  workOrderId: id,
  signedByName: z
    .string({ error: "Enter the name of the person signing." })
    .trim()
    .min(2, "Enter the name of the person signing.")
    .max(120, "At most 120 characters."),
  /** The drawn signature, uploaded as a PNG (kind SIGNATURE) through the attachments route. */
  signatureId: id,
});

export const completeSchema = z.object({
  id,
  notes: optionalText(5_000, "Notes"),
  /** Instead of a signature: why the customer could not confirm (nobody home, gate keeper only…). */
  customerAbsentNote: optionalText(1_000, "The note"),
});

export const WORK_ORDER_SORTS = ["windowStart", "number", "status"] as const;

export const listWorkOrdersSchema = z.object({
  search: searchText(),
  status: z.enum([...WORK_ORDER_STATUSES, "open"] as const).optional(),
  kind: z.enum(WORK_ORDER_KINDS).optional(),
  /** A user id, or "none" for unassigned. */
  technicianId: z.string().max(64).optional(),
  customerId: z.string().max(64).optional(),
  ticketId: z.string().max(64).optional(),
  /** Calendar dates in the company's zone: jobs whose window starts on or after / on or before. */
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-25.")
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-25.")
    .optional(),
  sort: z.enum(WORK_ORDER_SORTS).default("windowStart"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  ...pagination().shape,
});
