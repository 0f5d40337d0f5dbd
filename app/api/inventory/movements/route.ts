import { createMovement } from "@/server/modules/inventory/rest";

export const POST = createMovement;
