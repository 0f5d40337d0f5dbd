import { mpesaC2bConfirmation } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaC2bConfirmation;
