import { usage } from "@/server/modules/customers/rest";

export const GET = usage;
