import { Badge } from "@/components/ui/badge";
import {
  OUTAGE_STATUS_LABELS,
  type OUTAGE_STATUSES,
  REACHABILITY_LABELS,
  type REACHABILITIES,
} from "@/server/modules/outages/schema";

// How an outage's status and a device's reachability read and look.

export function OutageStatusBadge({ status }: { status: (typeof OUTAGE_STATUSES)[number] }) {
  return <Badge variant={status === "OPEN" ? "destructive" : "success"}>{OUTAGE_STATUS_LABELS[status]}</Badge>;
}

const REACH_VARIANT = { UNKNOWN: "outline", UP: "success", DOWN: "destructive" } as const;

export function ReachabilityBadge({ status }: { status: (typeof REACHABILITIES)[number] }) {
  return <Badge variant={REACH_VARIANT[status]}>{REACHABILITY_LABELS[status]}</Badge>;
}
