import { addFound } from "@/server/modules/inventory/counts-rest";

export const POST = addFound;
