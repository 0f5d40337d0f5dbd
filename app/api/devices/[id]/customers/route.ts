import { customers } from "@/server/modules/devices/rest";

export const GET = customers;
