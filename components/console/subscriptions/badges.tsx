import { Badge } from "@/components/ui/badge";
import type { RouterOutputs } from "../types";

type Status = RouterOutputs["subscriptions"]["list"]["rows"][number]["status"];
type Provisioning = RouterOutputs["subscriptions"]["list"]["rows"][number]["provisioning"];

const STATUS: Record<Status, { label: string; variant: "secondary" | "success" | "warning" | "outline" }> = {
  PENDING: { label: "Pending", variant: "secondary" },
  ACTIVE: { label: "Active", variant: "success" },
  SUSPENDED: { label: "Suspended", variant: "warning" },
  TERMINATED: { label: "Terminated", variant: "outline" },
};

const PROVISIONING: Record<
  Provisioning,
  { label: string; variant: "secondary" | "success" | "warning" | "outline" | "destructive"; hint: string }
> = {
  NOT_PROVISIONED: {
    label: "Not on network",
    variant: "outline",
    hint: "No RADIUS login yet: activate the subscription.",
  },
  IN_PROGRESS: { label: "Provisioning…", variant: "secondary", hint: "Writing the RADIUS login." },
  PROVISIONED: { label: "On network", variant: "success", hint: "The RADIUS login is live." },
  DEPROVISIONED: {
    label: "Off network",
    variant: "outline",
    hint: "Sessions are refused (suspended) or the login is removed (terminated).",
  },
  FAILED: { label: "Provisioning failed", variant: "destructive", hint: "The RADIUS login could not be written." },
};

export function SubscriptionStatusBadge({ status }: { status: Status }) {
  const s = STATUS[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}

export function ProvisioningBadge({ state, error }: { state: Provisioning; error?: string | null }) {
  const p = PROVISIONING[state];
  return (
    <Badge variant={p.variant} title={error ? `${p.hint} ${error}` : p.hint}>
      {p.label}
    </Badge>
  );
}

export const SUBSCRIPTION_STATUS_LABELS = Object.fromEntries(
  Object.entries(STATUS).map(([k, v]) => [k, v.label]),
) as Record<Status, string>;
