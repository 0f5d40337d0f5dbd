import { z } from "zod";
import { id, optionalId, optionalText, pagination, searchText } from "../../lib/schema";

// Schemas are pure zod, so the browser's forms use these same rules.

export const TRACKINGS = ["SERIAL", "BULK"] as const;
export const LOCATION_KINDS = ["WAREHOUSE", "BIN", "VAN", "CUSTOMER", "SITE", "SUPPLIER_REPAIR"] as const;
/** The kinds staff create; the virtual places exist once per company, made when first needed. */
export const CREATABLE_LOCATION_KINDS = ["WAREHOUSE", "BIN", "VAN"] as const;
export const VIRTUAL_LOCATION_KINDS = ["CUSTOMER", "SITE", "SUPPLIER_REPAIR"] as const;
export const MOVEMENT_KINDS = ["RECEIVE", "TRANSFER", "ISSUE", "DEPLOY", "RETURN", "ADJUST", "WRITE_OFF"] as const;
export const ASSET_STATUSES = ["IN_STOCK", "RESERVED", "DEPLOYED", "FAULTY", "IN_REPAIR", "RETIRED"] as const;
export const PO_STATUSES = ["DRAFT", "SENT", "PARTLY_RECEIVED", "RECEIVED", "CANCELLED"] as const;

export type LocationKind = (typeof LOCATION_KINDS)[number];
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export type AssetStatus = (typeof ASSET_STATUSES)[number];
export type PurchaseOrderStatus = (typeof PO_STATUSES)[number];

export const TRACKING_LABELS: Record<(typeof TRACKINGS)[number], string> = {
  SERIAL: "Serial-tracked equipment",
  BULK: "Bulk consumable",
};
export const LOCATION_KIND_LABELS: Record<LocationKind, string> = {
  WAREHOUSE: "Warehouse",
  BIN: "Bin / shelf",
  VAN: "Technician's van",
  CUSTOMER: "At customers",
  SITE: "At sites",
  SUPPLIER_REPAIR: "With suppliers for repair",
};
/** The names the virtual places get. */
export const VIRTUAL_LOCATION_NAMES: Record<(typeof VIRTUAL_LOCATION_KINDS)[number], string> = {
  CUSTOMER: "At customers",
  SITE: "At sites",
  SUPPLIER_REPAIR: "With suppliers for repair",
};
export const MOVEMENT_LABELS: Record<MovementKind, string> = {
  RECEIVE: "Received",
  TRANSFER: "Transfer",
  ISSUE: "Issued to a job",
  DEPLOY: "Deployed",
  RETURN: "Returned",
  ADJUST: "Adjustment",
  WRITE_OFF: "Written off",
};
export const ASSET_STATUS_LABELS: Record<AssetStatus, string> = {
  IN_STOCK: "In stock",
  RESERVED: "Reserved",
  DEPLOYED: "Deployed",
  FAULTY: "Faulty",
  IN_REPAIR: "In repair",
  RETIRED: "Retired",
};
export const PO_STATUS_LABELS: Record<PurchaseOrderStatus, string> = {
  DRAFT: "Draft",
  SENT: "Sent",
  PARTLY_RECEIVED: "Partly received",
  RECEIVED: "Received",
  CANCELLED: "Cancelled",
};

export const formatPurchaseOrderNumber = (n: number) => `PO-${String(n).padStart(6, "0")}`;

const text = (label: string, max = 100) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} can be at most ${max} characters.`);

/** A whole number of units, at least `min`. */
const count = (label: string, min = 1, max = 1_000_000) =>
  z
    .number({ error: `Enter the ${label} as a whole number.` })
    .int(`The ${label} must be a whole number.`)
    .min(min, min === 0 ? `The ${label} cannot be negative.` : `The ${label} must be at least ${min}.`)
    .max(max, `The ${label} can be at most ${max.toLocaleString("en")}.`);

/** Money in minor units (cents), never negative. */
const minor = (label: string) =>
  z
    .number({ error: `Enter the ${label}.` })
    .int(`The ${label} is in cents, a whole number.`)
    .min(0, `The ${label} cannot be negative.`)
    .max(1_000_000_000_00, `The ${label} is too large.`);

/** A serial as printed on the box: the same rule (and upper case) as the work orders' equipment. */
export const serialText = z
  .string({ error: "Enter the serial number." })
  .trim()
  .toUpperCase()
  .min(3, "Enter the serial number printed on the device.")
  .max(80, "A serial number can be at most 80 characters.")
  .regex(/^[A-Z0-9][A-Z0-9:._/-]*$/, "Letters, digits and - : . _ / only.");

/** A MAC address in any common notation, stored as aa:bb:cc:dd:ee:ff. */
export const macText = z
  .string()
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const hex = v.toLowerCase().replace(/[^0-9a-f]/g, "");
    if (hex.length !== 12 || !/^[0-9a-f:.\-\s]+$/i.test(v)) {
      ctx.addIssue({ code: "custom", message: "Enter a MAC address like 4C:5E:0C:12:34:56." });
      return z.NEVER;
    }
    return hex.match(/../g)!.join(":");
  });

const dateText = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
        ctx.addIssue({ code: "custom", message: `Enter the ${label} as YYYY-MM-DD.` });
        return z.NEVER;
      }
      return v;
    });

// ── catalogue ───────────────────────────────────────────────────────────────────────────────

export const itemSchema = z
  .object({
    sku: text("SKU", 40).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "Letters, digits and - . _ / only."),
    name: text("name", 120),
    category: text("category", 60),
    tracking: z.enum(TRACKINGS, { error: "Serial-tracked equipment or a bulk consumable?" }),
    unit: optionalText(20, "The unit").transform((v) => v ?? "unit"),
    deviceTypeId: optionalId,
    costMinor: minor("cost").default(0),
    defaultSupplierId: optionalId,
    reorderPoint: count("reorder point", 0)
      .nullish()
      .transform((v) => v ?? null),
    reorderQuantity: count("reorder quantity")
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.reorderPoint !== null && v.reorderQuantity === null)
      ctx.addIssue({
        code: "custom",
        path: ["reorderQuantity"],
        message: "Say how many to order when stock falls below the reorder point.",
      });
    if (v.tracking === "SERIAL" && v.unit !== "unit")
      ctx.addIssue({ code: "custom", path: ["unit"], message: "Serial-tracked equipment is counted in units." });
  });
export const updateItemSchema = z.object({ id, data: itemSchema });
export const listItemsSchema = pagination({ size: 25, max: 100 }).extend({
  search: searchText(),
  tracking: z.enum(TRACKINGS).optional(),
  belowReorderPoint: z.boolean().optional().describe("Only items with fewer on hand than their reorder point."),
});

// ── locations ───────────────────────────────────────────────────────────────────────────────

export const locationSchema = z
  .object({
    name: text("name", 80),
    kind: z.enum(CREATABLE_LOCATION_KINDS, { error: "A warehouse, a bin or a van?" }),
    parentId: optionalId,
    technicianId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "BIN" && !v.parentId)
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "Choose the warehouse the bin is in." });
    if (v.kind === "VAN" && !v.technicianId)
      ctx.addIssue({ code: "custom", path: ["technicianId"], message: "Choose the technician who drives the van." });
  });
export const listLocationsSchema = z.object({ includeVirtual: z.boolean().default(true) });

// ── stock and movements ─────────────────────────────────────────────────────────────────────

export const stockLevelsSchema = pagination({ size: 50, max: 200 }).extend({
  locationId: id.describe("The location whose stock to list."),
  search: searchText(),
});

export const listMovementsSchema = pagination({ size: 25, max: 100 }).extend({
  itemId: id.optional(),
  locationId: id.optional(),
  workOrderId: id.optional(),
});

const serials = z.array(serialText).max(500, "At most 500 serials at a time.");

/**
 * A movement a person records. Receipts go through a purchase order, deployments through a job;
 * these are the rest: moving stock between places, issuing consumables to a job, correcting a
 * count, writing off what is lost or broken.
 */
export const recordMovementSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("TRANSFER"),
    itemId: id,
    fromLocationId: id,
    toLocationId: id,
    quantity: count("quantity").optional().describe("For bulk items."),
    serials: serials.optional().describe("For serial-tracked items: the units to move."),
  }),
  z.object({
    kind: z.literal("ISSUE"),
    itemId: id,
    fromLocationId: id,
    workOrderId: id,
    quantity: count("quantity"),
  }),
  z.object({
    kind: z.literal("ADJUST"),
    itemId: id,
    locationId: id,
    /** Counted minus recorded: positive adds, negative removes. */
    delta: z
      .number({ error: "Enter the difference as a whole number." })
      .int("Enter the difference as a whole number.")
      .refine((n) => n !== 0, "The difference cannot be zero."),
    reason: text("reason", 300),
  }),
  z.object({
    kind: z.literal("WRITE_OFF"),
    itemId: id,
    fromLocationId: id,
    quantity: count("quantity").optional(),
    serials: serials.optional(),
    reason: text("reason", 300),
  }),
]);
export type RecordMovementInput = z.input<typeof recordMovementSchema>;

// ── assets ──────────────────────────────────────────────────────────────────────────────────

export const lookupSchema = z.object({ serial: serialText });
export const listAssetsSchema = pagination({ size: 25, max: 100 }).extend({
  search: searchText(),
  status: z.enum(ASSET_STATUSES).optional(),
  locationId: id.optional(),
  returnDue: z.boolean().optional().describe("Only units waiting to be collected from an ended subscription."),
});
export const forCustomerSchema = z.object({ customerId: id });

// ── labels ──────────────────────────────────────────────────────────────────────────────────

/** Labels to print: units by serial or all of a purchase order's units, and bins by id. */
export const labelsSchema = z.object({
  serials: z.array(serialText).max(500, "At most 500 labels at a time.").default([]),
  purchaseOrderId: id.optional(),
  locationIds: z.array(id).max(500, "At most 500 labels at a time.").default([]),
});

// ── cycle counts ────────────────────────────────────────────────────────────────────────────

export const formatCountNumber = (n: number) => `CNT-${String(n).padStart(5, "0")}`;

export const startCountSchema = z.object({ locationId: id });
export const listCountsSchema = pagination({ size: 25, max: 100 }).extend({
  locationId: id.optional(),
  status: z.enum(["OPEN", "POSTED"]).optional(),
});
/** What was counted: a quantity for consumables, the serials found for equipment. */
export const enterCountSchema = z.object({
  countId: id,
  lines: z
    .array(
      z.object({
        itemId: id,
        countedQuantity: count("counted quantity", 0).optional(),
        countedSerials: z.array(serialText).max(2000, "At most 2,000 serials per item.").optional(),
      }),
    )
    .min(1, "Enter at least one counted item.")
    .max(500),
});
export const postCountSchema = z.object({ countId: id, reason: text("reason", 300) });
/**
 * Something on the shelf the count sheet did not list: a unit by its serial (its item is looked
 * up), or a consumable with how many were found. The fields without the count, for REST's body.
 */
export const foundItemSchema = z
  .object({
    serial: serialText.optional().describe("A unit found: the serial on its label."),
    itemId: id.optional().describe("Or a consumable found: the item …"),
    quantity: count("quantity found").optional().describe("… and how many."),
  })
  .superRefine((v, ctx) => {
    if (v.serial ? v.itemId !== undefined || v.quantity !== undefined : !v.itemId)
      ctx.addIssue({
        code: "custom",
        path: ["serial"],
        message: "Scan or type the serial of the unit you found, or choose the consumable and how many.",
      });
    else if (v.itemId && v.quantity === undefined)
      ctx.addIssue({ code: "custom", path: ["quantity"], message: "Enter how many you found." });
  });
export const addFoundSchema = z.object({ countId: id }).and(foundItemSchema);

// ── RMA (faulty units back to the supplier) ─────────────────────────────────────────────────

export const RMA_STATUSES = ["SENT", "REPAIRED_RETURNED", "REPLACED", "REFUSED"] as const;
export const RMA_STATUS_LABELS: Record<(typeof RMA_STATUSES)[number], string> = {
  SENT: "With the supplier",
  REPAIRED_RETURNED: "Repaired and returned",
  REPLACED: "Replaced with a new unit",
  REFUSED: "Refused by the supplier",
};

export const sendRmaSchema = z.object({
  serial: serialText,
  rmaNumber: text("RMA number", 60),
  fault: text("fault", 500),
  supplierId: optionalId.describe("Defaults to the supplier the unit came from."),
});
export const closeRmaSchema = z.discriminatedUnion("outcome", [
  z.object({
    rmaId: id,
    outcome: z.literal("REPAIRED_RETURNED"),
    toLocationId: id,
    note: optionalText(300, "The note"),
  }),
  z.object({
    rmaId: id,
    outcome: z.literal("REPLACED"),
    toLocationId: id,
    replacementSerial: serialText,
    replacementMac: macText.optional(),
    note: optionalText(300, "The note"),
  }),
  z.object({
    rmaId: id,
    outcome: z.literal("REFUSED"),
    /** Back into stock as faulty at this place; without one the unit is retired. */
    toLocationId: id.optional(),
    note: optionalText(300, "The note"),
  }),
]);
export const listRmasSchema = pagination({ size: 25, max: 100 }).extend({
  status: z.enum(RMA_STATUSES).optional(),
  assetId: id.optional(),
});

// ── suppliers ───────────────────────────────────────────────────────────────────────────────

export const supplierSchema = z.object({
  name: text("name", 120),
  contactName: optionalText(120, "The contact's name"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(200)
    .nullish()
    .transform((v) => v || null)
    .pipe(z.email("Enter an e-mail address like orders@supplier.com.").nullable()),
  phone: optionalText(40, "The phone number"),
  address: optionalText(300, "The address"),
  leadTimeDays: count("lead time", 0, 365).default(7),
  notes: optionalText(1000, "The notes"),
});
export const updateSupplierSchema = z.object({ id, data: supplierSchema });
export const listSuppliersSchema = pagination({ size: 25, max: 100 }).extend({ search: searchText() });

// ── purchase orders ─────────────────────────────────────────────────────────────────────────

export const createPurchaseOrderSchema = z.object({
  supplierId: z.string({ error: "Choose the supplier." }).min(1, "Choose the supplier.").max(64),
  expectedOn: dateText("expected date"),
  notes: optionalText(1000, "The notes"),
  lines: z
    .array(
      z.object({
        itemId: z.string({ error: "Choose the item." }).min(1, "Choose the item.").max(64),
        quantity: count("quantity"),
        unitCostMinor: minor("unit cost").optional(),
      }),
    )
    .min(1, "Add at least one line.")
    .max(100, "At most 100 lines."),
});
export const listPurchaseOrdersSchema = pagination({ size: 25, max: 100 }).extend({
  status: z.enum(PO_STATUSES).optional(),
  search: searchText(),
});
export const sendPurchaseOrderSchema = z.object({ id });
export const cancelPurchaseOrderSchema = z.object({ id, reason: text("reason", 300) });

export const receiveSchema = z.object({
  purchaseOrderId: id,
  locationId: z.string({ error: "Choose where the goods go." }).min(1, "Choose where the goods go.").max(64),
  lines: z
    .array(
      z.object({
        lineId: id,
        quantity: count("quantity received"),
        /** Serial-tracked items: one per unit received, with its MAC when it has one. */
        units: z
          .array(z.object({ serial: serialText, mac: macText.optional() }))
          .max(500)
          .default([]),
        warrantyUntil: dateText("warranty date").optional(),
      }),
    )
    .min(1, "Enter what arrived on at least one line."),
});
export type ReceiveInput = z.input<typeof receiveSchema>;
