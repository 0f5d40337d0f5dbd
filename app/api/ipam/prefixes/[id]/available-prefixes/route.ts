import { allocatePrefix } from "@/server/modules/ipam/rest";

export const POST = allocatePrefix;
