import { me } from "@/server/modules/users/rest";

export const GET = me;
