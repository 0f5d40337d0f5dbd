import { login } from "@/server/modules/auth/rest";

export const POST = login;
