import { create, list } from "@/server/modules/tickets/rest";

export const GET = list;
export const POST = create;
