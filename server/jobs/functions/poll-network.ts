import { pollCompany } from "../../modules/monitoring/poller";
import { trim } from "../../modules/monitoring/retention";
import { inngest } from "../client";
import { forEachCompany } from "../for-each-company";

/**
 * Every five minutes: each company's devices are polled (SNMP, else ping), one step per company,
 * so one company's unreachable network never delays another's retry. A step run twice polls
 * again: the second reading is simply the next sample. What failed is in the step's result.
 */
export const pollNetwork = inngest.createFunction(
  {
    id: "poll-network",
    name: "Poll devices over SNMP and ping",
    triggers: [{ cron: "TZ=UTC */5 * * * *" }],
    // A cycle that overran (a very slow network) is not run twice at once.
    concurrency: { limit: 1 },
  },
  async ({ step }) =>
    forEachCompany(step, "poll", async (id) => {
      const r = await pollCompany(id);
      return {
        devices: r.devices,
        up: r.up,
        interfaces: r.interfaces,
        failed: r.failed.length,
        ms: r.ms,
        pingUnavailable: r.pingUnavailable ?? null,
      };
    }),
);

/** Hourly: samples and rollups past their retention (server/modules/monitoring/retention.ts) are deleted. */
export const trimMonitoring = inngest.createFunction(
  {
    id: "trim-monitoring",
    name: "Trim monitoring series past their retention",
    triggers: [{ cron: "TZ=UTC 7 * * * *" }],
  },
  async ({ step }) => forEachCompany(step, "trim", (id) => trim(id)),
);
