import { paymentHistory } from "@/server/modules/payments/rest";

export const GET = paymentHistory;
