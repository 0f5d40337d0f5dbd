import { mpesaReversalTimeout } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaReversalTimeout;
