import { items } from "@/server/modules/inventory/rest";

export const GET = items;
