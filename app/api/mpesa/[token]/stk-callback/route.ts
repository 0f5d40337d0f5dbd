import { mpesaStkCallback } from "@/server/modules/payments/callbacks-rest";

export const POST = mpesaStkCallback;
