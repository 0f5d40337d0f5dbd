import { stripeWebhook } from "@/server/modules/payments/callbacks-rest";

export const POST = stripeWebhook;
