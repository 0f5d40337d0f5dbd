import { list } from "@/server/modules/devices/rest";

export const GET = list;
