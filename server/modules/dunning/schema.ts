import { z } from "zod";
import type { ArrangementKind, ArrangementStatus, DunningChannel } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination } from "../../lib/schema";

// Pure zod (the console's dunning forms and the portal's arrangement request use these rules).
// Days are whole days relative to an invoice's due date; money is integer minor units; dates are
// "YYYY-MM-DD" in the company's time zone.

export const DUNNING_CHANNELS = ["EMAIL", "SMS", "PORTAL"] as const satisfies readonly DunningChannel[];
export const CHANNEL_LABELS: Record<DunningChannel, string> = {
  EMAIL: "E-mail",
  SMS: "SMS",
  PORTAL: "Portal notification",
};
export const ARRANGEMENT_STATUSES = [
  "REQUESTED",
  "ACTIVE",
  "KEPT",
  "BROKEN",
  "DECLINED",
  "CANCELLED",
] as const satisfies readonly ArrangementStatus[];
export const ARRANGEMENT_STATUS_LABELS: Record<ArrangementStatus, string> = {
  REQUESTED: "Requested",
  ACTIVE: "Active",
  KEPT: "Kept",
  BROKEN: "Broken",
  DECLINED: "Declined",
  CANCELLED: "Cancelled",
};
export const ARRANGEMENT_KINDS = ["PROMISE", "INSTALMENTS"] as const satisfies readonly ArrangementKind[];
export const ARRANGEMENT_KIND_LABELS: Record<ArrangementKind, string> = {
  PROMISE: "Promise to pay",
  INSTALMENTS: "Instalments",
};

/** One reminder: `offsetDays` before (negative) or after (positive) the due date, on these channels. */
export const dunningStepSchema = z.object({
  offsetDays: z.number().int().min(-30, "At most 30 days before the due date.").max(90, "At most 90 days after."),
  channels: z.array(z.enum(DUNNING_CHANNELS)).min(1, "Choose at least one channel."),
});
export type DunningStep = z.infer<typeof dunningStepSchema>;

export const dunningSettingsSchema = z
  .object({
    enabled: z.boolean(),
    graceDays: z.number().int().min(0, "Grace cannot be negative.").max(90, "At most 90 days of grace."),
    steps: z.array(dunningStepSchema).max(10, "At most 10 reminders."),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.steps.forEach((s, i) => {
      if (seen.has(s.offsetDays))
        ctx.addIssue({ code: "custom", path: ["steps", i, "offsetDays"], message: "Another reminder is on this day." });
      seen.add(s.offsetDays);
    });
  });
export type DunningSettingsInput = z.input<typeof dunningSettingsSchema>;

/** Three days before, on the day, three days after by SMS too; suspension a week after the due date. */
export const DEFAULT_DUNNING: z.infer<typeof dunningSettingsSchema> = {
  enabled: true,
  graceDays: 7,
  steps: [
    { offsetDays: -3, channels: ["EMAIL", "PORTAL"] },
    { offsetDays: 0, channels: ["EMAIL", "SMS", "PORTAL"] },
    { offsetDays: 3, channels: ["EMAIL", "SMS", "PORTAL"] },
  ],
};

const date = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

export const instalmentSchema = z.object({
  dueDate: date,
  amountMinor: z.number().int().positive("Each instalment must be more than zero."),
});

const instalments = z
  .array(instalmentSchema)
  .min(1, "Add at least one instalment.")
  .max(12, "At most 12 instalments.")
  .superRefine((list, ctx) => {
    for (let i = 1; i < list.length; i++)
      if (list[i]!.dueDate <= list[i - 1]!.dueDate)
        ctx.addIssue({ code: "custom", path: [i, "dueDate"], message: "Each instalment comes after the one before." });
  });

/** A promise is one instalment of the whole covered balance; the service checks the total. */
export const createArrangementSchema = z.object({
  customerId: id,
  kind: z.enum(ARRANGEMENT_KINDS),
  instalments,
  note: optionalText(500, "Note"),
});
export type CreateArrangementInput = z.input<typeof createArrangementSchema>;

export const portalArrangementSchema = z.object({
  kind: z.enum(ARRANGEMENT_KINDS),
  instalments,
  note: optionalText(500, "Note"),
});
export type PortalArrangementInput = z.input<typeof portalArrangementSchema>;

export const decideArrangementSchema = z.object({
  id,
  approve: z.boolean(),
  note: optionalText(500, "Note"),
});

export const cancelArrangementSchema = z.object({ id, reason: z.string().trim().min(1, "Say why.").max(500) });

export const listArrangementsSchema = z.object({
  ...pagination({ size: 25, max: 100 }).shape,
  status: z.enum(ARRANGEMENT_STATUSES).optional(),
  customerId: id.optional(),
});

export const customerDunningSchema = z.object({ customerId: id });
