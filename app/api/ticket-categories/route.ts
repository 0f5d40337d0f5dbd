import { categories } from "@/server/modules/tickets/rest";

export const GET = categories;
