import { Inngest } from "inngest";
import { ObserveJobs } from "./observe";

// Background work runs as Inngest functions served at /api/inngest. Locally, run the Inngest
// dev server where it can be installed (INNGEST_DEV=1, see docs/OPERATIONS.md); every job's
// service can also be run from the CLI (npm run jobs -- <name>) without it. In production the
// client never runs in dev mode, whatever INNGEST_DEV says: dev mode serves and runs functions
// for anyone who asks, without checking Inngest's signature.
export const inngest = new Inngest({
  id: "lastmile",
  // Runs counted and logged (lastmile_job_runs_total, request ids): server/jobs/observe.ts.
  middleware: [ObserveJobs],
  isDev: process.env.NODE_ENV === "production" ? false : undefined,
});

/** Why /api/inngest must not serve at all right now, or null when it may. */
export function servingRefusal(): string | null {
  if (process.env.NODE_ENV === "production" && !process.env.INNGEST_SIGNING_KEY)
    return "Background jobs are not served: set INNGEST_SIGNING_KEY (and INNGEST_EVENT_KEY) to connect Inngest.";
  return null;
}
