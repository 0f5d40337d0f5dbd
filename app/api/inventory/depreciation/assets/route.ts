import { bookValues } from "@/server/modules/depreciation/rest";

export const GET = bookValues;
