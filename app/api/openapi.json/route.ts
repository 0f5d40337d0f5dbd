import { openApiJson } from "@/server/api/rest/reference";

export const GET = openApiJson;
