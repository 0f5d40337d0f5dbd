import { z } from "zod";
import { defineRoute } from "../../api/rest/route";
import { withTenant } from "../../db/tenant";
import { ingestResults } from "./ingest";
import { MAX_DEVICES_PER_POST, pollResultsSchema } from "./schema";

// Poll results from a poller (ours, `npm run poll`, posts nothing: it calls the same service; an
// external one, LibreNMS-style, posts here). Authenticated with a poller key of the company whose
// address is called (Settings → RADIUS servers, "SNMP poller"): a RADIUS server key is refused
// here, and a poller key by the RADIUS endpoints.

export const ingestSnmp = defineRoute({
  method: "POST",
  path: "/api/ingest/snmp",
  summary: "Ingest SNMP and ping poll results",
  description: `Poll results of up to ${MAX_DEVICES_PER_POST.toLocaleString("en")} devices: per device its Lastmile id, when it was polled, and what SNMP answered (sysUpTime in hundredths of a second, sysDescr, and per interface ifIndex, ifName, ifOperStatus, the 64-bit ifHCInOctets/ifHCOutOctets as decimal strings, ifInErrors/ifOutErrors, ifHighSpeed) or, for a device without SNMP, its ping latency and loss, and otherwise why it did not answer. Counters are turned into bits/s against the device's previous reading: a counter that wrapped at 2^64 is an ordinary interval; when sysUpTime went backwards (a reboot), or a counter fell without a wrap, that interval has no rate rather than a spike. The same results sent twice are stored once. A device id that is not in your company refuses the whole post (422, with the fields); malformed input is refused with 400 and its fields. Nothing is stored from a refused post. Authenticated with a poller key of the company (Bearer \`lmp_…\`, Settings → RADIUS servers → SNMP poller); a RADIUS server key is refused (401).`,
  tags: ["Network"],
  auth: "pollerKey",
  body: pollResultsSchema,
  response: z.object({
    devices: z.number().int(),
    up: z.number().int().describe("Devices that answered SNMP or at least one ping."),
    interfaces: z.number().int(),
    rated: z.number().int().describe("Interface samples that got a rate."),
    noRate: z
      .object({
        first: z.number().int(),
        rebooted: z.number().int(),
        reset: z.number().int(),
        "not-after": z.number().int(),
      })
      .describe(
        "Samples without a rate: first reading, device rebooted, counter reset, older than the stored reading.",
      ),
    duplicates: z.number().int().describe("Interface samples already stored (sent before)."),
  }),
  errors: { 403: "The poller key is bound to other source addresses (Settings → RADIUS servers)." },
  handler: async ({ company, body, pollerKey, meta }) =>
    withTenant(company.id, (tx) =>
      ingestResults(
        {
          tx,
          companyId: company.id,
          actor: {
            type: "API",
            id: pollerKey.id,
            label: `Poller "${pollerKey.name}"`,
            ip: meta.ip,
            userAgent: meta.userAgent,
          },
        },
        body,
      ),
    ),
});
