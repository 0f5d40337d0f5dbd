import type { RouterOutputs } from "../types";

// Shapes of the Team pages' data (type-only: nothing server-side is bundled).
export type StaffRow = RouterOutputs["staff"]["list"]["rows"][number];
export type StaffDetail = RouterOutputs["staff"]["get"];
export type SkillRow = RouterOutputs["staff"]["skills"][number];
export type WeekPlan = RouterOutputs["shifts"]["week"];
export type PlannedShift = WeekPlan["shifts"][number];
