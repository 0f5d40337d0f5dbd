import { runEscalations } from "../../modules/tickets/escalation";
import { inngest } from "../client";
import { slaEscalationsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every five minutes: each company's open tickets against its escalation rules, one step per
 * company. Idempotent per ticket, rule and SLA cycle (see modules/tickets/escalation.ts), so an
 * overlapping or repeated run fires nothing twice.
 */
export const slaEscalations = inngest.createFunction(
  {
    id: "sla-escalations",
    name: "Escalate tickets near or past their SLA",
    // One sweep at a time; a sweep that overruns makes the next one wait instead of doubling up.
    concurrency: { limit: 1 },
    triggers: [{ cron: "*/5 * * * *" }, slaEscalationsNow],
  },
  async ({ step }) => forEachCompany(step, "escalate", runEscalations),
);
