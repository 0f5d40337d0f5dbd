import { get, update } from "@/server/modules/tickets/rest";

export const GET = get;
export const PUT = update;
