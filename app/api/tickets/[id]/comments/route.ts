import { addComment } from "@/server/modules/tickets/rest";

export const POST = addComment;
