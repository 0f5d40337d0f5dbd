import type { z } from "zod";
import type { Scope } from "../../scope";
import { companyTimeZone, HOURS_OF_DAY, localHour, pastPart } from "./period";
import { sessionsTrendSchema } from "../dashboards.schema";

// Sessions online now and their trend, derived from the RADIUS sessions' start and stop times
// (server/modules/radius writes them; read here only).
//
// The count at an instant t is the sessions that had started by t and not stopped by then:
// startedAt <= t < stoppedAt (or no stop yet). The trend is that count at every whole hour of the
// period (UTC hour marks; a period ending in the future stops at the last mark before now).
//
// Why derived rather than a count stored per poll: the sessions table already holds the whole
// history (as long as the retention keeps sessions: 90 days by default), so the trend needs no new
// table, no write on the accounting hot path and no job; a stop that arrives late (or an
// Accounting-On that closes a NAS's sessions) corrects the past hours by itself; and a company
// starts with a trend the day it turns monitoring on. The cost is a range join per request
// (hours × the sessions overlapping the period), fine for a dashboard of one company. A session
// whose stop never arrives counts as online, exactly as the online list shows it, until the NAS's
// next Accounting-On closes it.

const HOUR_MS = 3_600_000;

export async function sessionsTrend(scope: Scope, input: z.input<typeof sessionsTrendSchema>, now = new Date()) {
  const q = sessionsTrendSchema.parse(input);
  const { from, to } = pastPart(q.from, q.to, now);
  const timeZone = await companyTimeZone(scope);
  const onlineNow = await scope.tx.radiusSession.count({ where: { stoppedAt: null } });
  // The first whole UTC hour at or after `from`.
  const first = new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS);
  const points =
    first > to
      ? []
      : await scope.tx.$queryRaw<{ at: Date; online: number }[]>`
    SELECT h AS at, COUNT(s.id)::int AS online
    FROM generate_series(${first}::timestamptz, ${to}::timestamptz, interval '1 hour') h
    LEFT JOIN "RadiusSession" s
      ON s."companyId" = ${scope.companyId}
      AND s."startedAt" <= h AND (s."stoppedAt" IS NULL OR s."stoppedAt" > h)
      AND s."startedAt" <= ${to}::timestamptz AND (s."stoppedAt" IS NULL OR s."stoppedAt" > ${first}::timestamptz)
    GROUP BY h
    ORDER BY h`;
  let peak: { at: Date; online: number } | null = null;
  for (const p of points) if (peak === null || p.online > peak.online) peak = p;
  // The average count at each hour of the day on the company's clock.
  const sums = new Map<number, { total: number; n: number }>();
  for (const p of points) {
    const hour = localHour(p.at, timeZone);
    const s = sums.get(hour) ?? { total: 0, n: 0 };
    s.total += p.online;
    s.n += 1;
    sums.set(hour, s);
  }
  const peakHours = HOURS_OF_DAY.map((hour) => {
    const s = sums.get(hour);
    return { hour, online: s ? s.total / s.n : null };
  });
  return { from, to, timeZone, onlineNow, points, peak, peakHours };
}
