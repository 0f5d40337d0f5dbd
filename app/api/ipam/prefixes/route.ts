import { createPrefix, listPrefixes } from "@/server/modules/ipam/rest";

export const GET = listPrefixes;
export const POST = createPrefix;
