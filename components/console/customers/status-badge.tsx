import type { CustomerStatus } from "@/server/db/generated/prisma/enums";
import { STATUS_LABELS } from "@/server/modules/customers/schema";
import { Badge, type BadgeProps } from "@/components/ui/badge";

const VARIANT: Record<CustomerStatus, BadgeProps["variant"]> = {
  PROSPECT: "outline",
  PENDING: "secondary",
  ACTIVE: "success",
  SUSPENDED: "warning",
  TERMINATED: "destructive",
};

export function CustomerStatusBadge({ status }: { status: CustomerStatus }) {
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}
