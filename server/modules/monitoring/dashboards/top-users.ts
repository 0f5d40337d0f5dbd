import type { z } from "zod";
import { customerDisplayName } from "../../customers/schema";
import type { Scope } from "../../scope";
import { RETENTION_DAYS } from "../retention";
import { pastPart } from "./period";
import { topUsersSchema } from "../dashboards.schema";

// The subscriptions that moved the most data in a period, from the RADIUS usage tables
// (server/modules/radius writes them; read here only).
//
// - Periods that start within the hourly usage's retention (90 days) are summed from UsageHourly:
//   exact to the hour, so "the last 24 hours" means that.
// - Older periods are summed from UsageDaily (kept two years): whole UTC days that overlap the
//   period, so the edges are rounded out to the day. The answer says which (`source`).

const DAY_MS = 86_400_000;

interface Row {
  subscriptionId: string;
  down: bigint;
  up: bigint;
}

export async function topUsers(scope: Scope, input: z.input<typeof topUsersSchema>, now = new Date()) {
  const q = topUsersSchema.parse(input);
  const { from, to } = pastPart(q.from, q.to, now);
  const hourly = now.getTime() - from.getTime() <= RETENTION_DAYS.usageHourly * DAY_MS;
  const rows = hourly
    ? await scope.tx.$queryRaw<Row[]>`
        SELECT u."subscriptionId", SUM(u."downloadBytes")::bigint AS down, SUM(u."uploadBytes")::bigint AS up
        FROM "UsageHourly" u
        WHERE u."companyId" = ${scope.companyId} AND u.hour >= ${from} AND u.hour < ${to}
        GROUP BY u."subscriptionId"`
    : await scope.tx.$queryRaw<Row[]>`
        SELECT u."subscriptionId", SUM(u."downloadBytes")::bigint AS down, SUM(u."uploadBytes")::bigint AS up
        FROM "UsageDaily" u
        WHERE u."companyId" = ${scope.companyId}
          AND u.day >= (${from}::timestamptz AT TIME ZONE 'UTC')::date AND u.day < (${to}::timestamptz AT TIME ZONE 'UTC')::date + 1
        GROUP BY u."subscriptionId"`;
  const totals = rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    downloadBytes: Number(r.down),
    uploadBytes: Number(r.up),
    totalBytes: Number(r.down) + Number(r.up),
  }));
  const allBytes = totals.reduce((s, r) => s + r.totalBytes, 0);
  const top = totals
    .filter((r) => r.totalBytes > 0)
    .sort((a, b) => b.totalBytes - a.totalBytes || a.subscriptionId.localeCompare(b.subscriptionId))
    .slice(0, q.limit);
  const subs = top.length
    ? await scope.tx.subscription.findMany({
        where: { id: { in: top.map((r) => r.subscriptionId) } },
        select: {
          id: true,
          pppoeUsername: true,
          package: { select: { name: true } },
          customer: {
            select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
          },
        },
      })
    : [];
  const byId = new Map(subs.map((s) => [s.id, s]));
  return {
    from,
    to,
    source: hourly ? ("HOUR" as const) : ("DAY" as const),
    subscriptions: totals.length,
    totalBytes: allBytes,
    rows: top.map((r) => {
      const s = byId.get(r.subscriptionId);
      return {
        ...r,
        username: s?.pppoeUsername ?? null,
        packageName: s?.package.name ?? null,
        customerId: s?.customer.id ?? null,
        accountNumber: s?.customer.accountNumber ?? null,
        customerName: s ? customerDisplayName(s.customer) : "Deleted subscription",
        /** Share of everything every subscription moved in the period, in basis points. */
        shareBps: allBytes ? Math.round((r.totalBytes * 10_000) / allBytes) : 0,
      };
    }),
  };
}
