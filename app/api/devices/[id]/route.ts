import { get } from "@/server/modules/devices/rest";

export const GET = get;
