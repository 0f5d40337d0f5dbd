import { postCount } from "@/server/modules/inventory/counts-rest";

export const POST = postCount;
