import { drain } from "../../db/drain";
import { pruneHourlyUsageOlderThan } from "../radius/prune";
import { systemActor, type Scope } from "../scope";

// How long each resolution is kept, and the job's trimming. Raw samples serve the last day's
// detail and late corrections; each rollup outlives the finer one, so a chart of any period
// reads the finest resolution still kept (queries.ts picks it). Fixed for every company today.

const DAY_MS = 86_400_000;
export const RETENTION_DAYS = {
  raw: 2,
  FIVE_MINUTES: 14,
  HOUR: 90,
  DAY: 730,
  /** RADIUS hourly usage per subscription (peak hours): the daily figures keep the long view. */
  usageHourly: 90,
} as const;
/** Rows deleted per statement, so a big backlog never becomes one long transaction. */
const BATCH = 10_000;

export interface Trimmed {
  interfaceSamples: number;
  deviceSamples: number;
  interfaceRollups: number;
  deviceRollups: number;
  usageHourly: number;
}

/** Deletes one company's series past their retention, a batch per transaction until none is left. */
export async function trim(companyId: string, now: Date = new Date()): Promise<Trimmed> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const out: Trimmed = { interfaceSamples: 0, deviceSamples: 0, interfaceRollups: 0, deviceRollups: 0, usageHourly: 0 };
  const trimAll = async (key: keyof Trimmed, step: (scope: Scope) => Promise<number>) => {
    out[key] += await drain({ companyId, actor: systemActor }, BATCH, step);
  };
  const raw = before(RETENTION_DAYS.raw);
  await trimAll(
    "interfaceSamples",
    ({ tx }) =>
      tx.$executeRaw`DELETE FROM "InterfaceSample" WHERE ("deviceId", "ifIndex", at) IN (
      SELECT "deviceId", "ifIndex", at FROM "InterfaceSample" WHERE "companyId" = ${companyId} AND at < ${raw}
      LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
  );
  await trimAll(
    "deviceSamples",
    ({ tx }) =>
      tx.$executeRaw`DELETE FROM "DeviceSample" WHERE ("deviceId", at) IN (
      SELECT "deviceId", at FROM "DeviceSample" WHERE "companyId" = ${companyId} AND at < ${raw}
      LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
  );
  for (const resolution of ["FIVE_MINUTES", "HOUR", "DAY"] as const) {
    const cutoff = before(RETENTION_DAYS[resolution]);
    await trimAll(
      "interfaceRollups",
      ({ tx }) =>
        tx.$executeRaw`DELETE FROM "InterfaceRollup" WHERE ("deviceId", "ifIndex", resolution, bucket) IN (
        SELECT "deviceId", "ifIndex", resolution, bucket FROM "InterfaceRollup"
        WHERE "companyId" = ${companyId} AND resolution = ${resolution}::"RollupResolution" AND bucket < ${cutoff}
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
    );
    await trimAll(
      "deviceRollups",
      ({ tx }) =>
        tx.$executeRaw`DELETE FROM "DeviceRollup" WHERE ("deviceId", resolution, bucket) IN (
        SELECT "deviceId", resolution, bucket FROM "DeviceRollup"
        WHERE "companyId" = ${companyId} AND resolution = ${resolution}::"RollupResolution" AND bucket < ${cutoff}
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
    );
  }
  await trimAll("usageHourly", (scope) => pruneHourlyUsageOlderThan(scope, before(RETENTION_DAYS.usageHourly), BATCH));
  return out;
}
