import { listRmas, openRma } from "@/server/modules/inventory/rma-rest";

export const GET = listRmas;
export const POST = openRma;
