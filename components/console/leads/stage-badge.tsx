import type { LeadStage } from "@/server/db/generated/prisma/enums";
import { STAGE_LABELS } from "@/server/modules/leads/schema";
import { Badge, type BadgeProps } from "@/components/ui/badge";

const VARIANT: Record<LeadStage, BadgeProps["variant"]> = {
  NEW: "outline",
  CONTACTED: "secondary",
  SITE_SURVEY: "secondary",
  QUOTED: "warning",
  WON: "success",
  LOST: "destructive",
};

export function StageBadge({ stage }: { stage: LeadStage }) {
  return <Badge variant={VARIANT[stage]}>{STAGE_LABELS[stage]}</Badge>;
}
