import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { TicketStatus } from "@/server/db/generated/prisma/enums";

const VARIANT: Record<TicketStatus, BadgeProps["variant"]> = {
  NEW: "secondary",
  ASSIGNED: "secondary",
  IN_PROGRESS: "default",
  WAITING_ON_CUSTOMER: "warning",
  RESOLVED: "success",
  CLOSED: "outline",
  REOPENED: "default",
};

/** A ticket's status in the customer's words ("Being worked on", "Waiting for your reply"). */
export function CustomerStatusBadge({ status, label }: { status: TicketStatus; label: string }) {
  return <Badge variant={VARIANT[status]}>{label}</Badge>;
}
