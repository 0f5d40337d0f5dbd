import { z } from "zod";
import type { ContactChannel, CustomerStatus, CustomerType } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText, sortDirection } from "../../lib/schema";

// Schemas are pure zod (plus tiny pure helpers), so the browser's forms, the CSV import and the
// REST API all validate a customer with exactly the same rules.

export const CUSTOMER_STATUSES = [
  "PROSPECT",
  "PENDING",
  "ACTIVE",
  "SUSPENDED",
  "TERMINATED",
] as const satisfies readonly CustomerStatus[];
export const CUSTOMER_TYPES = ["INDIVIDUAL", "BUSINESS"] as const satisfies readonly CustomerType[];
export const CONTACT_CHANNELS = ["EMAIL", "SMS", "PHONE", "WHATSAPP"] as const satisfies readonly ContactChannel[];

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  PROSPECT: "Prospect",
  PENDING: "Pending installation",
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
  TERMINATED: "Terminated",
};
export const TYPE_LABELS: Record<CustomerType, string> = { INDIVIDUAL: "Individual", BUSINESS: "Business" };
export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  EMAIL: "E-mail",
  SMS: "SMS",
  PHONE: "Phone call",
  WHATSAPP: "WhatsApp",
};

/**
 * Which status may follow which. Suspension is only for a live account; a terminated account is
 * reinstated through PENDING so it goes through activation (and provisioning) again.
 */
export const STATUS_TRANSITIONS: Record<CustomerStatus, readonly CustomerStatus[]> = {
  PROSPECT: ["PENDING", "ACTIVE", "TERMINATED"],
  PENDING: ["PROSPECT", "ACTIVE", "TERMINATED"],
  ACTIVE: ["SUSPENDED", "TERMINATED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  TERMINATED: ["PENDING"],
};

/** The one way an account number is shown: 42 → "ACC-000042". */
export function formatAccountNumber(n: number): string {
  return `ACC-${String(n).padStart(6, "0")}`;
}

/** "Jane Wanjiru" or "Acme Ltd" — what lists and headers call the customer. */
export function customerDisplayName(c: {
  type: CustomerType;
  firstName?: string | null;
  lastName?: string | null;
  businessName?: string | null;
}): string {
  const person = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return (c.type === "BUSINESS" ? c.businessName || person : person || c.businessName) || "Unnamed customer";
}

// ── field building blocks ───────────────────────────────────────────────────────────────────

const phone = (label: string) =>
  optionalText(30, label).refine(
    (v) => v === null || /^\+?[0-9][0-9 ()-]{5,24}$/.test(v),
    `${label}: enter digits, spaces or dashes, optionally starting with +.`,
  );

/** A coordinate from a number or a form/CSV string; empty means none. */
export const coordinate = (min: number, max: number, label: string) =>
  z
    .preprocess(
      (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v.trim()) : v),
      z
        .number({ error: `${label} must be a number.` })
        .min(min, `${label} must be between ${min} and ${max}.`)
        .max(max, `${label} must be between ${min} and ${max}.`)
        .nullable(),
    )
    .optional()
    .transform((v) => v ?? null);

const tags = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[,;]/) : (v ?? [])),
  z
    .array(z.string().trim().toLowerCase().max(40, "A tag can be at most 40 characters."))
    .transform((list) => [...new Set(list.filter(Boolean))])
    .refine((list) => list.length <= 20, "At most 20 tags."),
);

const yesNo = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v ?? true;
    const s = v.trim().toLowerCase();
    return s === ""
      ? true
      : ["true", "yes", "1", "y"].includes(s)
        ? true
        : ["false", "no", "0", "n"].includes(s)
          ? false
          : v;
  },
  z.boolean({ error: "Answer yes or no." }),
);

// ── customer ────────────────────────────────────────────────────────────────────────────────

const customerFields = z.object({
  type: z.enum(CUSTOMER_TYPES, { error: "Choose individual or business." }).default("INDIVIDUAL"),
  firstName: optionalText(80, "First name"),
  lastName: optionalText(80, "Last name"),
  businessName: optionalText(160, "Business name"),
  taxId: optionalText(40, "Tax ID"),
  email: optionalText(200, "E-mail")
    .transform((v) => v?.toLowerCase() ?? null)
    .refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid e-mail address."),
  phone: phone("Phone"),
  altPhone: phone("Alternative phone"),
  serviceAddress: optionalText(300, "Service address"),
  serviceLatitude: coordinate(-90, 90, "Latitude"),
  serviceLongitude: coordinate(-180, 180, "Longitude"),
  billingAddress: optionalText(300, "Billing address"),
  idDocumentType: optionalText(40, "ID document type"),
  idDocumentNumber: optionalText(60, "ID document number"),
  contactChannel: z.enum(CONTACT_CHANNELS, { error: "Choose how to contact the customer." }).default("EMAIL"),
  language: z
    .preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z]{2}$/, "Use a two-letter language code, such as en or sw.")
        .optional(),
    )
    .optional()
    .transform((v) => v ?? "en"),
  paperlessBilling: yesNo.default(true),
  tags: tags.default([]),
  notes: optionalText(5000, "Notes"),
});

type CustomerFields = z.output<typeof customerFields>;

/** Rules across fields, shared by create and update. */
function customerRules(v: CustomerFields, ctx: z.RefinementCtx) {
  if (v.type === "BUSINESS" && !v.businessName)
    ctx.addIssue({ code: "custom", path: ["businessName"], message: "A business customer needs a business name." });
  if (v.type === "INDIVIDUAL" && !v.firstName && !v.lastName)
    ctx.addIssue({ code: "custom", path: ["firstName"], message: "Enter the customer's first or last name." });
  if (!v.phone && !v.email)
    ctx.addIssue({
      code: "custom",
      path: ["phone"],
      message: "Enter a phone number or an e-mail address, so you can reach the customer.",
    });
  if ((v.serviceLatitude === null) !== (v.serviceLongitude === null)) {
    const path = v.serviceLatitude === null ? "serviceLatitude" : "serviceLongitude";
    ctx.addIssue({ code: "custom", path: [path], message: "Give both latitude and longitude, or neither." });
  }
  if (v.contactChannel === "EMAIL" && !v.email)
    ctx.addIssue({
      code: "custom",
      path: ["email"],
      message: "E-mail is the preferred channel: enter an e-mail address or choose another channel.",
    });
  if (v.contactChannel !== "EMAIL" && !v.phone)
    ctx.addIssue({ code: "custom", path: ["phone"], message: "The preferred channel needs a phone number." });
}

export const createCustomerSchema = customerFields
  .extend({
    status: z
      .enum(["PROSPECT", "PENDING", "ACTIVE"], { error: "A new customer starts as prospect, pending or active." })
      .default("PROSPECT"),
  })
  .superRefine(customerRules);

/** The editable details without id or status (the REST body of PUT /api/customers/{id}). */
export const customerDetailsSchema = customerFields.superRefine(customerRules);

/** Update replaces the editable fields (status has its own action). */
export const updateCustomerSchema = customerFields.extend({ id }).superRefine(customerRules);

export const changeStatusSchema = z.object({
  id,
  status: z.enum(CUSTOMER_STATUSES, { error: "Choose a status." }),
  reason: z.string().trim().max(500, "The reason can be at most 500 characters.").optional(),
});

export const CUSTOMER_SORTS = ["name", "accountNumber", "createdAt", "status"] as const;

// The descriptions are the REST API's documentation of its query string (rest.ts uses this schema).
export const customerFilterSchema = z.object({
  search: searchText().describe(
    "Part of a name, account number, phone, e-mail or address, or a whole tax id or ID document number.",
  ),
  status: z.enum(CUSTOMER_STATUSES).optional().describe("Only customers with this status."),
  type: z.enum(CUSTOMER_TYPES).optional().describe("Only individuals or only businesses."),
  tag: z.string().trim().toLowerCase().max(40).optional().describe("Only customers with this tag."),
  sort: z.enum(CUSTOMER_SORTS).default("createdAt").describe("Sort column."),
  direction: sortDirection(),
});

export const listCustomersSchema = customerFilterSchema.extend(pagination().shape);

export const importCustomersSchema = z.object({
  csv: z
    .string()
    .min(1, "Choose a CSV file.")
    .max(5_000_000, "The file is larger than 5 MB; split it into smaller files."),
  dryRun: z.boolean().default(true),
});

/** CSV columns, in order: export writes them all; import reads all but the read-only ones. */
export const CSV_COLUMNS = [
  "accountNumber",
  "type",
  "status",
  "firstName",
  "lastName",
  "businessName",
  "taxId",
  "email",
  "phone",
  "altPhone",
  "serviceAddress",
  "serviceLatitude",
  "serviceLongitude",
  "billingAddress",
  "idDocumentType",
  "idDocumentNumber",
  "contactChannel",
  "language",
  "paperlessBilling",
  "tags",
  "notes",
  "createdAt",
] as const;
export const CSV_READ_ONLY_COLUMNS = ["accountNumber", "createdAt"] as const;
/** One import is one transaction (30 s limit): 2,000 rows took about 10 s on a busy 2-core machine. */
export const CSV_MAX_ROWS = 2_000;

/**
 * A customer's record as the customer may see it: what the portal answers (nothing staff keep
 * for themselves, such as notes, tags, tax id or ID document). Answers only: parsing strips
 * every other key. Staff answers extend it.
 */
export const customerSelfSchema = z.object({
  id: z.string(),
  accountNo: z.string().describe('The account number as shown to people, e.g. "ACC-000042".'),
  displayName: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  status: z.enum(CUSTOMER_STATUSES),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  businessName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  altPhone: z.string().nullable(),
  serviceAddress: z.string().nullable(),
  billingAddress: z.string().nullable(),
  contactChannel: z.enum(CONTACT_CHANNELS),
  language: z.string(),
  paperlessBilling: z.boolean(),
});
