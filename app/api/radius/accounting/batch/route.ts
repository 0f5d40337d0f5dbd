import { accountingBatch } from "@/server/modules/radius/rest";

export const POST = accountingBatch;
