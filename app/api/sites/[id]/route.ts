import { getSite } from "@/server/modules/ipam/rest";

export const GET = getSite;
