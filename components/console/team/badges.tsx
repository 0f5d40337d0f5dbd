import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { StaffAvailability } from "@/server/db/generated/prisma/enums";
import { AVAILABILITY_LABELS, type ExpiryState } from "@/server/modules/staff/schema";

// Small status pieces shared by the Team pages.

const AVAILABILITY_VARIANT: Record<StaffAvailability, "success" | "warning" | "secondary" | "outline"> = {
  AVAILABLE: "success",
  BUSY: "warning",
  OFF_DUTY: "secondary",
  ON_LEAVE: "outline",
};

export function AvailabilityBadge({ availability }: { availability: StaffAvailability | null }) {
  if (!availability)
    return (
      <Badge variant="outline" className="text-muted-foreground">
        No profile
      </Badge>
    );
  return <Badge variant={AVAILABILITY_VARIANT[availability]}>{AVAILABILITY_LABELS[availability]}</Badge>;
}

/** "3 of 10" with a bar; at or over the limit it turns red and says "overloaded". */
export function LoadMeter({ open, max, className }: { open: number; max: number | null; className?: string }) {
  if (max === null) return <span className="text-sm text-muted-foreground">{open > 0 ? `${open} open` : "—"}</span>;
  const ratio = Math.min(1, open / Math.max(1, max));
  const over = open >= max;
  return (
    <div className={cn("grid min-w-24 gap-1", className)}>
      <div className={cn("flex items-baseline justify-between gap-2 text-sm", over && "font-medium text-destructive")}>
        <span>
          {open} of {max}
        </span>
        {over ? <span className="text-xs">overloaded</span> : null}
      </div>
      <div
        className="h-1.5 overflow-hidden rounded-full bg-muted"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={open}
        aria-label={`${open} of ${max} open tickets`}
      >
        <div
          className={cn("h-full rounded-full", over ? "bg-destructive" : ratio >= 0.8 ? "bg-amber-500" : "bg-primary")}
          style={{ width: `${ratio * 100}%` }}
        />
      </div>
    </div>
  );
}

export function ExpiryBadge({ state, days }: { state: ExpiryState; days?: number }) {
  if (state === "expired") return <Badge variant="destructive">Expired</Badge>;
  if (state === "expiring")
    return (
      <Badge variant="warning">
        {days === undefined
          ? "Expires soon"
          : days === 0
            ? "Expires today"
            : `Expires in ${days} day${days === 1 ? "" : "s"}`}
      </Badge>
    );
  if (state === "valid") return <Badge variant="success">Valid</Badge>;
  return (
    <Badge variant="outline" className="text-muted-foreground">
      No expiry
    </Badge>
  );
}

export function ShiftBadge({ onShift, onCall }: { onShift: boolean; onCall: boolean }) {
  if (onCall) return <Badge variant="default">On call</Badge>;
  if (onShift) return <Badge variant="secondary">On shift</Badge>;
  return <span className="text-sm text-muted-foreground">Off shift</span>;
}
