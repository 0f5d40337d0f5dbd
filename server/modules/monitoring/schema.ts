import { z } from "zod";

// The poll results our poller produces and POST /api/ingest/snmp accepts from any other poller:
// per device, what SNMP answered (sysUpTime, sysDescr, the interfaces' counters), what ping
// measured, or why neither answered. Pure zod, so the OpenAPI document shows exactly this.

const MAX_COUNTER64 = 2n ** 64n - 1n;
const MAX_COUNTER32 = 2n ** 32n - 1n;

/** A counter as a decimal string (64-bit values do not fit a JSON number) or a safe integer. */
const counter = (max: bigint, what: string) =>
  z
    .union([z.string().regex(/^\d{1,20}$/, `${what} is a whole number of at most 20 digits.`), z.number().int().min(0)])
    .transform((v, ctx) => {
      if (typeof v === "number" && !Number.isSafeInteger(v)) {
        ctx.addIssue({ code: "custom", message: `${what} above 2^53: send it as a decimal string.` });
        return z.NEVER;
      }
      const n = BigInt(v);
      if (n > max) {
        ctx.addIssue({ code: "custom", message: `${what} is above the counter's maximum (${max}).` });
        return z.NEVER;
      }
      return n;
    });

export const polledInterfaceSchema = z
  .object({
    ifIndex: z.number().int().min(1).max(2_147_483_647).describe("IF-MIB ifIndex."),
    name: z.string().trim().min(1).max(128).describe("ifName (or ifDescr when the agent has no ifName)."),
    operStatus: z
      .number()
      .int()
      .min(1)
      .max(7)
      .describe("IF-MIB ifOperStatus: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 notPresent, 7 lowerLayerDown."),
    inOctets: counter(MAX_COUNTER64, "inOctets").describe(
      "ifHCInOctets (64-bit), decimal string or integer; ifInOctets (32-bit) when counterBits is 32.",
    ),
    outOctets: counter(MAX_COUNTER64, "outOctets").describe(
      "ifHCOutOctets (64-bit), decimal string or integer; ifOutOctets (32-bit) when counterBits is 32.",
    ),
    counterBits: z
      .union([z.literal(32), z.literal(64)])
      .default(64)
      .describe(
        "64 (default): the octets are the 64-bit ifHC counters. 32: the agent has no ifHC counters and these are ifInOctets/ifOutOctets, which wrap at 2^32.",
      ),
    inErrors: counter(MAX_COUNTER32, "inErrors").nullish().describe("ifInErrors (32-bit)."),
    outErrors: counter(MAX_COUNTER32, "outErrors").nullish().describe("ifOutErrors (32-bit)."),
    speedMbps: z.number().int().min(0).max(100_000_000).nullish().describe("ifHighSpeed, Mb/s."),
  })
  .superRefine((i, ctx) => {
    if (i.counterBits !== 32) return;
    for (const key of ["inOctets", "outOctets"] as const)
      if (i[key] > MAX_COUNTER32)
        ctx.addIssue({ code: "custom", path: [key], message: `${key} is above 2^32 - 1 for a 32-bit counter.` });
  });

export const devicePollSchema = z
  .object({
    deviceId: z.string().trim().min(1).max(64).describe("The device's id in Lastmile."),
    at: z.coerce.date().describe("When the device was polled (ISO 8601, UTC)."),
    snmp: z
      .object({
        sysUpTime: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .describe("sysUpTime in hundredths of a second (TimeTicks)."),
        sysDescr: z.string().max(1024).nullish(),
        interfaces: z.array(polledInterfaceSchema).max(10_000),
      })
      .nullish()
      .describe("What the device answered over SNMP; absent when it did not answer."),
    icmp: z
      .object({
        latencyMs: z.number().min(0).max(600_000).nullish().describe("Average round trip of the answered pings."),
        lossPercent: z.number().min(0).max(100),
      })
      .nullish()
      .describe("Ping results, for devices that answer no SNMP."),
    error: z
      .string()
      .max(500)
      .nullish()
      .describe("Why SNMP got no (usable) answer: a timeout, an answer that is not SNMP, …"),
  })
  .superRefine((d, ctx) => {
    if (!d.snmp) return;
    const seen = new Set<number>();
    d.snmp.interfaces.forEach((i, n) => {
      if (seen.has(i.ifIndex))
        ctx.addIssue({
          code: "custom",
          path: ["snmp", "interfaces", n, "ifIndex"],
          message: "This ifIndex is listed twice.",
        });
      seen.add(i.ifIndex);
    });
  });

export const MAX_DEVICES_PER_POST = 2_000;

export const pollResultsSchema = z
  .object({
    devices: z.array(devicePollSchema).min(1, "Send at least one device.").max(MAX_DEVICES_PER_POST),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.devices.forEach((d, n) => {
      const key = `${d.deviceId}|${d.at.getTime()}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["devices", n, "deviceId"],
          message: "This device is listed twice for the same time.",
        });
      seen.add(key);
    });
  });

export type DevicePoll = z.output<typeof devicePollSchema>;
export type PollResults = z.output<typeof pollResultsSchema>;

export const ROLLUP_RESOLUTIONS = ["FIVE_MINUTES", "HOUR", "DAY"] as const;

export const deviceTrafficSchema = z.object({
  deviceId: z.string().min(1).max(64),
  resolution: z.enum(ROLLUP_RESOLUTIONS).default("FIVE_MINUTES"),
  /** Default: the last day for five minutes, the last week for hours, the last 90 days for days. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const deviceStatusSchema = z.object({ deviceId: z.string().min(1).max(64) });
