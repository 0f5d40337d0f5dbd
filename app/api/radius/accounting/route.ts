import { accounting } from "@/server/modules/radius/rest";

export const POST = accounting;
