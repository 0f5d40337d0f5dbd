import { get } from "@/server/modules/billing/rest";

export const GET = get;
