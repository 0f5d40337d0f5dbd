import { getAddress } from "@/server/modules/ipam/rest";

export const GET = getAddress;
