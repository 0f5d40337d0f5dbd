import { recordPayment } from "@/server/modules/payments/rest";

export const POST = recordPayment;
