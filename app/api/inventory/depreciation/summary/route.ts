import { summary } from "@/server/modules/depreciation/rest";

export const GET = summary;
