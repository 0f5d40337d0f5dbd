import { exportMine } from "@/server/modules/privacy/rest";

export const GET = exportMine;
