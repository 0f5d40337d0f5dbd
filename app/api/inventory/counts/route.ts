import { listCounts, startCount } from "@/server/modules/inventory/counts-rest";

export const GET = listCounts;
export const POST = startCount;
