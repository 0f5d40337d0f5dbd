import { assetBySerial } from "@/server/modules/inventory/rest";

export const GET = assetBySerial;
