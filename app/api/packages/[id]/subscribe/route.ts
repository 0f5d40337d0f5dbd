import { subscribe } from "@/server/modules/subscriptions/rest";

export const POST = subscribe;
