import { locationStock } from "@/server/modules/inventory/rest";

export const GET = locationStock;
