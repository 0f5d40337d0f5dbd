import { Badge } from "@/components/ui/badge";
import { INVOICE_STATUS_LABELS } from "@/server/modules/billing/schema";
import type { InvoiceStatus } from "@/server/db/generated/prisma/enums";

const VARIANT = {
  DRAFT: "outline",
  OPEN: "secondary",
  PARTIALLY_PAID: "warning",
  PAID: "success",
  VOID: "outline",
  UNCOLLECTIBLE: "destructive",
} as const;

/**
 * The invoice's status, or "Overdue" when it is still owed after its due date. Only an open or
 * partly paid invoice can be overdue: a written-off one is bad debt and says so, whatever its due date.
 */
export function InvoiceStatusBadge({ status, overdue }: { status: InvoiceStatus; overdue: boolean }) {
  if (overdue && (status === "OPEN" || status === "PARTIALLY_PAID"))
    return <Badge variant="destructive">{INVOICE_STATUS_LABELS.OVERDUE}</Badge>;
  return <Badge variant={VARIANT[status]}>{INVOICE_STATUS_LABELS[status]}</Badge>;
}
