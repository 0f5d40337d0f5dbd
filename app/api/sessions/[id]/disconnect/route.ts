import { disconnect } from "@/server/modules/nas/rest";

export const POST = disconnect;
