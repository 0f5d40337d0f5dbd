import { listAddresses } from "@/server/modules/ipam/rest";

export const GET = listAddresses;
