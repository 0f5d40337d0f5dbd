import { exportCustomer } from "@/server/modules/privacy/rest";

export const GET = exportCustomer;
