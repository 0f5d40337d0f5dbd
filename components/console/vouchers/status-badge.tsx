import { Badge } from "@/components/ui/badge";
import type { VoucherStatusValue } from "@/server/modules/vouchers/schema";

export const STATUS_LABELS: Record<VoucherStatusValue, string> = {
  UNUSED: "Unused",
  ACTIVE: "Active",
  EXPIRED: "Expired",
  DISABLED: "Disabled",
};

const VARIANT = { UNUSED: "outline", ACTIVE: "success", EXPIRED: "secondary", DISABLED: "destructive" } as const;

export function VoucherStatusBadge({ status }: { status: VoucherStatusValue }) {
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}
