import { listSites } from "@/server/modules/ipam/rest";

export const GET = listSites;
