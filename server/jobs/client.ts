import { Inngest } from "inngest";

// Background work runs as Inngest functions served at /api/inngest. Locally, run the Inngest
// dev server where it can be installed (INNGEST_DEV=1, see docs/OPERATIONS.md); every job's
// service can also be run from the CLI (npm run jobs -- <name>) without it.
export const inngest = new Inngest({ id: "lastmile" });
