import { mpesaStatusTimeout } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaStatusTimeout;
