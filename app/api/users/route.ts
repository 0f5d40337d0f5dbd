import { list } from "@/server/modules/users/rest";

export const GET = list;
