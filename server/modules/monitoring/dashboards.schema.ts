import { z } from "zod";
import { id } from "../../lib/schema";

// The dashboards' inputs: a period (instants, UTC) and what to look at. Pure zod: the console's
// period pickers import it.

const DAY_MS = 86_400_000;
/** The longest period a dashboard reads: the daily rollups' retention (730 days) is longer. */
export const MAX_PERIOD_DAYS = 400;

const period = {
  from: z.coerce.date(),
  to: z.coerce.date(),
};

function checkPeriod(v: { from: Date; to: Date }, ctx: z.RefinementCtx, maxDays = MAX_PERIOD_DAYS) {
  if (v.to <= v.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The period must end after it starts." });
  else if (v.to.getTime() - v.from.getTime() > maxDays * DAY_MS)
    ctx.addIssue({ code: "custom", path: ["from"], message: `Choose a period of at most ${maxDays} days.` });
}

export const dashboardPeriodSchema = z.object(period).superRefine((v, ctx) => checkPeriod(v, ctx));

export const bandwidthSchema = z
  .object({
    ...period,
    /** Nothing: every polled interface of the company. */
    siteId: id.optional(),
    deviceId: id.optional(),
    /** With deviceId: one interface of it (SNMP ifIndex). */
    ifIndex: z.number().int().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    checkPeriod(v, ctx);
    if (v.ifIndex !== undefined && !v.deviceId)
      ctx.addIssue({ code: "custom", path: ["ifIndex"], message: "Choose the device of the interface." });
  });

/** Hourly points: three months at most (the hourly usage and the sessions' history). */
export const SESSIONS_MAX_DAYS = 92;

export const sessionsTrendSchema = z.object(period).superRefine((v, ctx) => checkPeriod(v, ctx, SESSIONS_MAX_DAYS));

export const topUsersSchema = z
  .object({ ...period, limit: z.number().int().min(1).max(50).default(10) })
  .superRefine((v, ctx) => checkPeriod(v, ctx));

export const latencySchema = z
  .object({ ...period, deviceId: id.optional() })
  .superRefine((v, ctx) => checkPeriod(v, ctx));

export const capacitySchema = z.object({
  /** How many days of daily peaks the trend is fitted to. */
  days: z.number().int().min(3).max(365).default(30),
  /** Beyond this many days a crossing is "not within N days". */
  horizonDays: z.number().int().min(1).max(3650).default(365),
});

/** The share of an uplink's speed that counts as full for planning. */
export const CAPACITY_THRESHOLD = 0.8;

export const RESOLUTION_LABELS = {
  FIVE_MINUTES: "5-minute averages",
  HOUR: "hourly averages",
  DAY: "daily averages",
} as const;
