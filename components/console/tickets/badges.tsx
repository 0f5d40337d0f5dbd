import { ArrowDown, ArrowUp, Flame, Minus } from "lucide-react";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { TicketPriority, TicketStatus } from "@/server/db/generated/prisma/enums";
import { PRIORITY_LABELS, STATUS_LABELS } from "@/server/modules/tickets/schema";

const STATUS_VARIANT: Record<TicketStatus, BadgeProps["variant"]> = {
  NEW: "default",
  ASSIGNED: "secondary",
  IN_PROGRESS: "secondary",
  WAITING_ON_CUSTOMER: "warning",
  RESOLVED: "success",
  CLOSED: "outline",
  REOPENED: "destructive",
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return <Badge variant={STATUS_VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}

const PRIORITY_STYLE: Record<TicketPriority, { variant: BadgeProps["variant"]; icon: typeof Flame }> = {
  CRITICAL: { variant: "destructive", icon: Flame },
  HIGH: { variant: "warning", icon: ArrowUp },
  MEDIUM: { variant: "outline", icon: Minus },
  LOW: { variant: "outline", icon: ArrowDown },
};

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { variant, icon: Icon } = PRIORITY_STYLE[priority];
  return (
    <Badge variant={variant}>
      <Icon aria-hidden />
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}
