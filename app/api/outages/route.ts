import { list } from "@/server/modules/outages/rest";

export const GET = list;
