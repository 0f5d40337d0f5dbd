import { mpesaStatusResult } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaStatusResult;
