import { logout } from "@/server/modules/auth/rest";

export const POST = logout;
