import { z } from "zod";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Inputs of the outages module, shared by its service, tRPC router, REST routes and the console's
// forms. Pure zod: the browser imports this file.

export const OUTAGE_STATUSES = ["OPEN", "RESOLVED"] as const;
export const OUTAGE_SOURCES = ["AUTOMATIC", "MANUAL"] as const;
export const REACHABILITIES = ["UNKNOWN", "UP", "DOWN"] as const;
export const UPDATE_KINDS = ["OPENED", "UPDATE", "RESOLVED", "COMPENSATED"] as const;
export const COMPENSATION_MODES = ["NONE", "PREPAID_DAYS", "CREDIT"] as const;

export const OUTAGE_STATUS_LABELS: Record<(typeof OUTAGE_STATUSES)[number], string> = {
  OPEN: "Open",
  RESOLVED: "Resolved",
};
export const REACHABILITY_LABELS: Record<(typeof REACHABILITIES)[number], string> = {
  UNKNOWN: "Not polled yet",
  UP: "Up",
  DOWN: "Down",
};
export const COMPENSATION_LABELS: Record<(typeof COMPENSATION_MODES)[number], string> = {
  NONE: "No compensation",
  PREPAID_DAYS: "Days added to prepaid service",
  CREDIT: "A wallet credit for the days lost",
};

/** "OUT-42": how staff and customers name an outage. */
export const outageLabel = (number: number) => `OUT-${number}`;

/** One poll result for one device (the SNMP/ICMP poller calls recordReachability with it). */
export const observationSchema = z.object({
  deviceId: id,
  up: z.boolean(),
  at: z.coerce.date(),
  latencyMs: z.number().min(0).max(600_000).nullish(),
});

export const listOutagesSchema = pagination().extend({
  status: z.enum(OUTAGE_STATUSES).optional().describe("Only open or only resolved outages."),
  q: searchText().describe("Title, device or site name, or the number (OUT-42)."),
});

export const boardSchema = pagination({ size: 50, max: 200 }).extend({
  status: z.enum(REACHABILITIES).optional(),
  q: searchText(),
});

export const openOutageSchema = z
  .object({
    deviceId: z
      .string()
      .max(64)
      .nullish()
      .transform((v) => v || null),
    siteId: z
      .string()
      .max(64)
      .nullish()
      .transform((v) => v || null),
    title: z.string().trim().min(1, "Enter a title customers will understand.").max(160),
    description: optionalText(2000, "The description"),
  })
  .superRefine((v, ctx) => {
    if (!v.deviceId && !v.siteId)
      ctx.addIssue({ code: "custom", path: ["deviceId"], message: "Choose the device or the site that is down." });
    if (v.deviceId && v.siteId)
      ctx.addIssue({ code: "custom", path: ["siteId"], message: "Choose a device or a site, not both." });
  });

export const postUpdateSchema = z.object({
  outageId: id,
  message: z.string().trim().min(1, "Write what customers should know.").max(1000),
});

export const resolveOutageSchema = z.object({
  id,
  rootCause: z.string().trim().min(1, "Say what caused the outage.").max(2000),
  message: optionalText(1000, "The message to customers"),
});

export const uptimeSchema = z
  .object({
    deviceId: id.optional(),
    customerId: id.optional(),
    from: z.coerce.date(),
    to: z.coerce.date(),
  })
  .refine((v) => v.to > v.from, { path: ["to"], message: "The period must end after it starts." })
  .refine((v) => !!v.deviceId !== !!v.customerId, { path: ["deviceId"], message: "Ask about a device or a customer." });

export const slaReportSchema = z
  .object({ from: z.coerce.date(), to: z.coerce.date() })
  .refine((v) => v.to > v.from, { path: ["to"], message: "The period must end after it starts." });

/** A period's uptime lists: the devices and the subscriptions that were down in it, worst first. */
const uptimePeriod = z
  .object({ from: z.coerce.date(), to: z.coerce.date() })
  .refine((v) => v.to > v.from, { path: ["to"], message: "The period must end after it starts." })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 400 * 86_400_000, {
    path: ["from"],
    message: "Choose a period of at most 400 days.",
  });

export const uptimeByDeviceSchema = z.intersection(
  uptimePeriod,
  pagination({ size: 25, max: 100 }).extend({ q: searchText().describe("Device name.") }),
);

export const serviceQualitySchema = z.intersection(
  uptimePeriod,
  pagination({ size: 25, max: 100 }).extend({
    q: searchText().describe("Customer name or account number."),
    /** Only lines whose package promises an uptime and did not get it. */
    belowSla: z.boolean().default(false),
  }),
);

export const settingsSchema = z.object({
  holdDownPolls: z.number().int().min(1, "At least one missed poll.").max(20),
  compensationMode: z.enum(COMPENSATION_MODES),
  compensationMinMinutes: z.number().int().min(0).max(100_000),
});
