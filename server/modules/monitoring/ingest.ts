import type { z } from "zod";
import { afterCommit } from "../../lib/after-commit";
import { Invalid } from "../../lib/errors";
import { metrics } from "../../lib/metrics";
import * as devicePolling from "../devices/poll-targets";
import type { Scope } from "../scope";
import { interfaceRates, type InterfaceReading, type Reading } from "./rates";
import { reportReachability } from "./reachability";
import { pollResultsSchema, type DevicePoll, type PollResults } from "./schema";

// Poll results into the time series, in one transaction: the interfaces' rates since their last
// reading (rates.ts), raw samples, the three rollups, the counters for next time, the device's
// reachability. Whoever polled (our poller, or an external one through POST /api/ingest/snmp)
// gets the same rules.
//
// Idempotent: a sample is keyed by device, ifIndex and time, and a rollup only adds the samples
// that were new (the INSERT … RETURNING feeds the rollup upsert in the same statement), so the
// same results posted twice change nothing. A reading older than the stored counters (results
// arriving out of order) is stored as a sample without a rate and does not move the counters back.
// Telemetry is not audited: it is what devices said, not a change anyone made (as RADIUS accounting).

export interface IngestSummary {
  devices: number;
  up: number;
  interfaces: number;
  /** Interface samples that got a rate, and why the others did not. */
  rated: number;
  noRate: { first: number; rebooted: number; reset: number; "not-after": number };
  /** Samples already stored (the same results sent again). */
  duplicates: number;
}

type Stored = InterfaceReading & Reading & { ifIndex: number };

/** Resolutions and the width of their buckets, aligned to the Unix epoch (UTC). */
const BUCKETS = `(VALUES ('FIVE_MINUTES'::"RollupResolution", interval '5 minutes'), ('HOUR', interval '1 hour'), ('DAY', interval '1 day')) AS res(resolution, width)`;
const bucketOf = (col: string) => `date_bin(res.width, ${col}, timestamptz '1970-01-01 00:00:00+00')`;

export async function ingest(scope: Scope, input: z.input<typeof pollResultsSchema>): Promise<IngestSummary> {
  return ingestResults(scope, pollResultsSchema.parse(input));
}

/** The same, for results already checked against pollResultsSchema (the route's parsed body). */
export async function ingestResults(scope: Scope, { devices }: PollResults): Promise<IngestSummary> {
  const ids = [...new Set(devices.map((d) => d.deviceId))];
  const known = await devicePolling.interfacesByName(scope, ids);
  const unknown: Record<string, string> = {};
  devices.forEach((d, n) => {
    if (!known.has(d.deviceId)) unknown[`devices.${n}.deviceId`] = "No device with this id in your company.";
  });
  if (Object.keys(unknown).length > 0)
    throw new Invalid("Some devices are not in your company's inventory; nothing was stored.", unknown);

  const counters = await storedCounters(scope, ids);
  const summary: IngestSummary = {
    devices: devices.length,
    up: 0,
    interfaces: 0,
    rated: 0,
    noRate: { first: 0, rebooted: 0, reset: 0, "not-after": 0 },
    duplicates: 0,
  };
  const samples: object[] = [];
  const nextCounters = new Map<string, object>();
  const deviceRows: object[] = [];
  // Oldest first, so several polls of one device in one post chain their rates.
  const ordered = [...devices].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const d of ordered) {
    const up = isUp(d);
    if (up) summary.up++;
    deviceRows.push({
      dev: d.deviceId,
      at: d.at.toISOString(),
      up,
      via: d.snmp ? "SNMP" : d.icmp && d.icmp.lossPercent < 100 ? "ICMP" : "NONE",
      lat: d.icmp?.latencyMs ?? null,
      loss: d.icmp?.lossPercent ?? null,
      descr: d.snmp?.sysDescr ?? null,
      upt: d.snmp?.sysUpTime ?? null,
      // Why SNMP gave nothing, kept even when ping answered (a wrong community is worth fixing).
      err: d.snmp ? null : (d.error ?? (up ? null : d.icmp ? "No answer to SNMP or ping." : "No answer.")),
    });
    if (!d.snmp) continue;
    const names = known.get(d.deviceId)!;
    for (const i of d.snmp.interfaces) {
      summary.interfaces++;
      const key = `${d.deviceId}|${i.ifIndex}`;
      const cur: Stored = {
        ifIndex: i.ifIndex,
        at: d.at,
        sysUpTimeCs: d.snmp.sysUpTime,
        inOctets: i.inOctets,
        outOctets: i.outOctets,
        inErrors: i.inErrors ?? null,
        outErrors: i.outErrors ?? null,
        speedMbps: i.speedMbps ?? null,
        counterBits: i.counterBits,
      };
      const rates = interfaceRates(counters.get(key) ?? null, cur);
      if (rates.noRate) summary.noRate[rates.noRate]++;
      else summary.rated++;
      const interfaceId = names.get(i.name) ?? null;
      samples.push({
        dev: d.deviceId,
        idx: i.ifIndex,
        at: d.at.toISOString(),
        ifc: interfaceId,
        up: i.operStatus === 1,
        ib: rates.inBps,
        ob: rates.outBps,
        ie: rates.inErrors?.toString() ?? null,
        oe: rates.outErrors?.toString() ?? null,
      });
      if (rates.noRate === "not-after") continue;
      counters.set(key, cur);
      nextCounters.set(key, {
        dev: d.deviceId,
        idx: i.ifIndex,
        name: i.name,
        ifc: interfaceId,
        at: d.at.toISOString(),
        upt: d.snmp.sysUpTime,
        io: i.inOctets.toString(),
        oo: i.outOctets.toString(),
        ie: i.inErrors?.toString() ?? null,
        oe: i.outErrors?.toString() ?? null,
        st: i.operStatus,
        sp: i.speedMbps ?? null,
      });
    }
  }

  if (samples.length > 0) {
    const [{ inserted }] = await scope.tx.$queryRawUnsafe<{ inserted: number }[]>(
      `WITH r AS (
         SELECT * FROM json_to_recordset($2::json)
           AS r(dev text, idx int, at timestamptz, ifc text, up boolean, ib float8, ob float8, ie bigint, oe bigint)
       ), ins AS (
         INSERT INTO "InterfaceSample" ("companyId", "deviceId", "ifIndex", at, "interfaceId", "operUp", "inBps", "outBps", "inErrors", "outErrors")
         SELECT $1, dev, idx, at, ifc, up, ib, ob, ie, oe FROM r
         ON CONFLICT ("deviceId", "ifIndex", at) DO NOTHING
         RETURNING *
       ), roll AS (
         INSERT INTO "InterfaceRollup" ("companyId", "deviceId", "ifIndex", resolution, bucket, "interfaceId", samples,
           "upSamples", "rateSamples", "inBpsSum", "outBpsSum", "inBpsMax", "outBpsMax", "inErrors", "outErrors")
         SELECT $1, i."deviceId", i."ifIndex", res.resolution, ${bucketOf("i.at")}, max(i."interfaceId"), count(*),
           count(*) FILTER (WHERE i."operUp"), count(*) FILTER (WHERE i."inBps" IS NOT NULL AND i."outBps" IS NOT NULL),
           coalesce(sum(i."inBps") FILTER (WHERE i."outBps" IS NOT NULL), 0),
           coalesce(sum(i."outBps") FILTER (WHERE i."inBps" IS NOT NULL), 0),
           max(i."inBps"), max(i."outBps"), coalesce(sum(i."inErrors"), 0), coalesce(sum(i."outErrors"), 0)
         FROM ins i CROSS JOIN ${BUCKETS}
         GROUP BY i."deviceId", i."ifIndex", res.resolution, ${bucketOf("i.at")}
         ORDER BY 2, 3, 4, 5
         ON CONFLICT ("deviceId", "ifIndex", resolution, bucket) DO UPDATE SET
           "interfaceId" = coalesce(EXCLUDED."interfaceId", "InterfaceRollup"."interfaceId"),
           samples = "InterfaceRollup".samples + EXCLUDED.samples,
           "upSamples" = "InterfaceRollup"."upSamples" + EXCLUDED."upSamples",
           "rateSamples" = "InterfaceRollup"."rateSamples" + EXCLUDED."rateSamples",
           "inBpsSum" = "InterfaceRollup"."inBpsSum" + EXCLUDED."inBpsSum",
           "outBpsSum" = "InterfaceRollup"."outBpsSum" + EXCLUDED."outBpsSum",
           "inBpsMax" = GREATEST("InterfaceRollup"."inBpsMax", EXCLUDED."inBpsMax"),
           "outBpsMax" = GREATEST("InterfaceRollup"."outBpsMax", EXCLUDED."outBpsMax"),
           "inErrors" = "InterfaceRollup"."inErrors" + EXCLUDED."inErrors",
           "outErrors" = "InterfaceRollup"."outErrors" + EXCLUDED."outErrors"
       )
       SELECT count(*)::int AS inserted FROM ins`,
      scope.companyId,
      JSON.stringify(samples),
    );
    summary.duplicates = samples.length - inserted;
  }
  if (nextCounters.size > 0)
    await scope.tx.$executeRawUnsafe(
      `INSERT INTO "InterfaceCounter" ("companyId", "deviceId", "ifIndex", "ifName", "interfaceId", at, "sysUpTimeCs",
         "inOctets", "outOctets", "inErrors", "outErrors", "operStatus", "speedMbps")
       SELECT $1, dev, idx, name, ifc, at, upt, io, oo, ie, oe, st, sp FROM json_to_recordset($2::json)
         AS r(dev text, idx int, name text, ifc text, at timestamptz, upt bigint, io numeric, oo numeric, ie bigint, oe bigint, st int, sp int)
       ORDER BY dev, idx
       ON CONFLICT ("deviceId", "ifIndex") DO UPDATE SET
         "ifName" = EXCLUDED."ifName", "interfaceId" = EXCLUDED."interfaceId", at = EXCLUDED.at,
         "sysUpTimeCs" = EXCLUDED."sysUpTimeCs", "inOctets" = EXCLUDED."inOctets", "outOctets" = EXCLUDED."outOctets",
         "inErrors" = EXCLUDED."inErrors", "outErrors" = EXCLUDED."outErrors", "operStatus" = EXCLUDED."operStatus",
         "speedMbps" = EXCLUDED."speedMbps"
       WHERE EXCLUDED.at > "InterfaceCounter".at`,
      scope.companyId,
      JSON.stringify([...nextCounters.values()]),
    );
  await writeDevices(scope, deviceRows);
  await reportReachability(
    scope,
    ordered.map((d) => ({ deviceId: d.deviceId, up: isUp(d), at: d.at, latencyMs: d.icmp?.latencyMs ?? null })),
  );
  // Counted once the samples are committed (a rolled-back post stored nothing).
  const stored = { samples: samples.length, up: summary.up, down: summary.devices - summary.up };
  afterCommit(scope.tx, async () => {
    metrics.snmpSamples.inc(stored.samples);
    metrics.snmpDevices.inc({ outcome: "up" }, stored.up);
    metrics.snmpDevices.inc({ outcome: "down" }, stored.down);
  });
  return summary;
}

/** Reachable: it answered SNMP, or at least one ping. */
const isUp = (d: DevicePoll) => Boolean(d.snmp) || (d.icmp != null && d.icmp.lossPercent < 100);

async function storedCounters(scope: Scope, deviceIds: string[]): Promise<Map<string, Stored>> {
  const rows = await scope.tx.$queryRawUnsafe<
    {
      deviceId: string;
      ifIndex: number;
      at: Date;
      upt: string;
      io: string;
      oo: string;
      ie: string | null;
      oe: string | null;
      speedMbps: number | null;
    }[]
  >(
    `SELECT "deviceId", "ifIndex", at, "sysUpTimeCs"::text AS upt, "inOctets"::text AS io, "outOctets"::text AS oo,
       "inErrors"::text AS ie, "outErrors"::text AS oe, "speedMbps"
     FROM "InterfaceCounter" WHERE "deviceId" = ANY($1::text[])
     ORDER BY "deviceId", "ifIndex" FOR UPDATE`,
    deviceIds,
  );
  return new Map(
    rows.map((r) => [
      `${r.deviceId}|${r.ifIndex}`,
      {
        ifIndex: r.ifIndex,
        at: r.at,
        sysUpTimeCs: Number(r.upt),
        inOctets: BigInt(r.io),
        outOctets: BigInt(r.oo),
        inErrors: r.ie === null ? null : BigInt(r.ie),
        outErrors: r.oe === null ? null : BigInt(r.oe),
        speedMbps: r.speedMbps,
      },
    ]),
  );
}

/** Device samples, their rollups, and each device's current reachability (the newest poll wins). */
async function writeDevices(scope: Scope, rows: object[]) {
  await scope.tx.$executeRawUnsafe(
    `WITH r AS (
       SELECT * FROM json_to_recordset($2::json)
         AS r(dev text, at timestamptz, up boolean, via "ReachabilityVia", lat float8, loss float8, descr text, upt bigint, err text)
     ), ins AS (
       INSERT INTO "DeviceSample" ("companyId", "deviceId", at, up, via, "latencyMs", "lossPercent")
       SELECT $1, dev, at, up, via, lat, loss FROM r
       ON CONFLICT ("deviceId", at) DO NOTHING
       RETURNING *
     ), roll AS (
       INSERT INTO "DeviceRollup" ("companyId", "deviceId", resolution, bucket, samples, "upSamples", "latencySamples",
         "latencySumMs", "latencyMaxMs", "lossPercentSum", "lossSamples")
       SELECT $1, i."deviceId", res.resolution, ${bucketOf("i.at")}, count(*), count(*) FILTER (WHERE i.up),
         count(i."latencyMs"), coalesce(sum(i."latencyMs"), 0), max(i."latencyMs"),
         coalesce(sum(i."lossPercent"), 0), count(i."lossPercent")
       FROM ins i CROSS JOIN ${BUCKETS}
       GROUP BY i."deviceId", res.resolution, ${bucketOf("i.at")}
       ORDER BY 2, 3, 4
       ON CONFLICT ("deviceId", resolution, bucket) DO UPDATE SET
         samples = "DeviceRollup".samples + EXCLUDED.samples,
         "upSamples" = "DeviceRollup"."upSamples" + EXCLUDED."upSamples",
         "latencySamples" = "DeviceRollup"."latencySamples" + EXCLUDED."latencySamples",
         "latencySumMs" = "DeviceRollup"."latencySumMs" + EXCLUDED."latencySumMs",
         "latencyMaxMs" = GREATEST("DeviceRollup"."latencyMaxMs", EXCLUDED."latencyMaxMs"),
         "lossPercentSum" = "DeviceRollup"."lossPercentSum" + EXCLUDED."lossPercentSum",
         "lossSamples" = "DeviceRollup"."lossSamples" + EXCLUDED."lossSamples"
     )
     INSERT INTO "DeviceReachability" ("deviceId", "companyId", up, via, "polledAt", "lastSeenAt", "latencyMs", "lossPercent",
       "sysDescr", "sysUpTimeCs", error)
     SELECT DISTINCT ON (dev) dev, $1, up, via, at, CASE WHEN up THEN at END, lat, loss, descr, upt, err
     FROM r ORDER BY dev, at DESC
     ON CONFLICT ("deviceId") DO UPDATE SET
       up = EXCLUDED.up, via = EXCLUDED.via, "polledAt" = EXCLUDED."polledAt",
       "lastSeenAt" = coalesce(EXCLUDED."lastSeenAt", "DeviceReachability"."lastSeenAt"),
       "latencyMs" = EXCLUDED."latencyMs", "lossPercent" = EXCLUDED."lossPercent",
       "sysDescr" = coalesce(EXCLUDED."sysDescr", "DeviceReachability"."sysDescr"),
       "sysUpTimeCs" = coalesce(EXCLUDED."sysUpTimeCs", "DeviceReachability"."sysUpTimeCs"), error = EXCLUDED.error
     WHERE EXCLUDED."polledAt" >= "DeviceReachability"."polledAt"`,
    scope.companyId,
    JSON.stringify(rows),
  );
}
