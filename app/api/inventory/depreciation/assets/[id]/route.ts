import { assetSchedule } from "@/server/modules/depreciation/rest";

export const GET = assetSchedule;
