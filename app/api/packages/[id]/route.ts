import { get, remove, update } from "@/server/modules/packages/rest";

export const GET = get;
export const PUT = update;
export const DELETE = remove;
