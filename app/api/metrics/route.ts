import { metrics } from "@/server/api/rest/metrics";

export const GET = metrics;
