import { mpesaC2bValidation } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaC2bValidation;
