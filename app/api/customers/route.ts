import { create, list } from "@/server/modules/customers/rest";

export const GET = list;
export const POST = create;
