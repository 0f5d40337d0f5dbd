import { ingestSnmp } from "@/server/modules/monitoring/rest";

export const POST = ingestSnmp;
