import { health } from "@/server/api/rest/health";

export const dynamic = "force-dynamic";
export const GET = health;
