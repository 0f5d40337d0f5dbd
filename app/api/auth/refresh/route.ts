import { refresh } from "@/server/modules/auth/rest";

export const POST = refresh;
