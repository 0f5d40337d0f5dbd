import { closeRma } from "@/server/modules/inventory/rma-rest";

export const POST = closeRma;
