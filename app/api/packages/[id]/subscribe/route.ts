import { subscribe } from "@/server/modules/packages/rest";

export const POST = subscribe;
