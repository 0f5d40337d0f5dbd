import { postAuth } from "@/server/modules/radius/rest";

export const POST = postAuth;
