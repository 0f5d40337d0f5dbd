import { list } from "@/server/modules/billing/rest";

export const GET = list;
