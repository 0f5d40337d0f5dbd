import { pdf } from "@/server/modules/billing/rest";

export const GET = pdf;
