import type { WorkOrderKind, WorkOrderStatus } from "@/server/db/generated/prisma/enums";
import { KIND_LABELS, STATUS_LABELS } from "@/server/modules/work-orders/schema";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { RouterOutputs } from "../types";

// Pieces both the dispatcher's pages and the technician's phone view show.

export type WorkOrderRow = RouterOutputs["workOrders"]["list"]["rows"][number];
export type WorkOrderDetail = RouterOutputs["workOrders"]["get"];

const VARIANT: Record<WorkOrderStatus, BadgeProps["variant"]> = {
  SCHEDULED: "outline",
  EN_ROUTE: "warning",
  ON_SITE: "secondary",
  COMPLETED: "success",
  CANCELLED: "destructive",
};

export function WorkOrderStatusBadge({ status, className }: { status: WorkOrderStatus; className?: string }) {
  return (
    <Badge variant={VARIANT[status]} className={className}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: WorkOrderKind }) {
  return <Badge variant="outline">{KIND_LABELS[kind]}</Badge>;
}

const LOCALE = "en-GB";

/** "25 Nov, 09:00–11:00" (or across days "25 Nov, 22:00 – 26 Nov, 02:00") in the company's zone. */
export function formatWindow(start: Date | string, end: Date | string, timeZone: string, withWeekday = false): string {
  const s = new Date(start);
  const e = new Date(end);
  const day = new Intl.DateTimeFormat(LOCALE, {
    weekday: withWeekday ? "short" : undefined,
    day: "numeric",
    month: "short",
    timeZone,
  });
  const time = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const sameDay = day.format(s) === day.format(e) && e.getTime() - s.getTime() < 86_400_000;
  return sameDay
    ? `${day.format(s)}, ${time.format(s)}–${time.format(e)}`
    : `${day.format(s)}, ${time.format(s)} – ${day.format(e)}, ${time.format(e)}`;
}

/** "09:00–11:00" only. */
export function formatTimes(start: Date | string, end: Date | string, timeZone: string): string {
  const time = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return `${time.format(new Date(start))}–${time.format(new Date(end))}`;
}

/** The phone number as a tel: link target (digits and a leading +). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}
