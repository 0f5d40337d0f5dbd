import { getCount } from "@/server/modules/inventory/counts-rest";

export const GET = getCount;
