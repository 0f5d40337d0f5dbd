import { get } from "@/server/modules/outages/rest";

export const GET = get;
