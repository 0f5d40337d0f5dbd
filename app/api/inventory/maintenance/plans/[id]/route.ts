import { pausePlan, updatePlan } from "@/server/modules/maintenance/rest";

export const PUT = updatePlan;
export const PATCH = pausePlan;
