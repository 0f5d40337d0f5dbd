import { authorize } from "@/server/modules/radius/rest";

export const POST = authorize;
