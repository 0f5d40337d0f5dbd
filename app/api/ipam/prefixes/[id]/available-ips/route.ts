import { allocateAddress } from "@/server/modules/ipam/rest";

export const POST = allocateAddress;
