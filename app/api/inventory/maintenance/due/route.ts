import { due } from "@/server/modules/maintenance/rest";

export const GET = due;
