import type { SmsStatus } from "@/server/db/generated/prisma/enums";
import { STATUS_LABELS } from "@/server/modules/sms/schema";
import { Badge } from "@/components/ui/badge";

const VARIANT = { QUEUED: "warning", SENT: "success", FAILED: "destructive" } as const;

export function SmsStatusBadge({ status }: { status: SmsStatus }) {
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}
