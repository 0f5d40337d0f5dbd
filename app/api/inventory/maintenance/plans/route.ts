import { createPlan, listPlans } from "@/server/modules/maintenance/rest";

export const GET = listPlans;
export const POST = createPlan;
