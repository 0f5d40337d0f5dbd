import { Badge } from "@/components/ui/badge";
import type { PaymentStatus } from "@/server/db/generated/prisma/enums";
import { PAYMENT_STATUS_LABELS } from "@/server/modules/payments/schema";

const VARIANT = {
  PENDING: "outline",
  SUCCEEDED: "success",
  FAILED: "destructive",
  REFUNDED: "secondary",
  PARTIALLY_REFUNDED: "secondary",
  DISPUTED: "destructive",
  UNMATCHED: "warning",
} as const satisfies Record<PaymentStatus | "UNMATCHED", string>;

/** A payment's status; money that came for an unknown account shows as unmatched. */
export function PaymentStatusBadge({ status, unmatched }: { status: PaymentStatus; unmatched?: boolean }) {
  const shown = unmatched ? "UNMATCHED" : status;
  return <Badge variant={VARIANT[shown]}>{PAYMENT_STATUS_LABELS[shown]}</Badge>;
}
