import { create, list } from "@/server/modules/packages/rest";

export const GET = list;
export const POST = create;
