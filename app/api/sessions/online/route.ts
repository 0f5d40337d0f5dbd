import { online } from "@/server/modules/nas/rest";

export const GET = online;
