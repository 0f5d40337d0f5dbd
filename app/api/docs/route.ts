import { apiDocs } from "@/server/api/rest/reference";

export const GET = apiDocs;
