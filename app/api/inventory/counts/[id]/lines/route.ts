import { enterCount } from "@/server/modules/inventory/counts-rest";

export const POST = enterCount;
