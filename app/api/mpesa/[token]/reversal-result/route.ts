import { mpesaReversalResult } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaReversalResult;
