import { Badge } from "@/components/ui/badge";
import { type DEVICE_STATUSES, ROLE_LABELS } from "@/server/modules/devices/schema";

// How a device's status reads and looks, on lists, the device page and the map.

export type DeviceStatusValue = (typeof DEVICE_STATUSES)[number];

export const STATUS_LABELS: Record<DeviceStatusValue, string> = {
  PLANNED: "Planned",
  ACTIVE: "Active",
  OFFLINE: "Offline",
  DECOMMISSIONED: "Decommissioned",
};

/** The map's node colours (border and fill), by status. Live SNMP status will pick the same. */
export const STATUS_COLOURS: Record<DeviceStatusValue, { border: string; fill: string }> = {
  PLANNED: { border: "#94a3b8", fill: "#f8fafc" },
  ACTIVE: { border: "#16a34a", fill: "#f0fdf4" },
  OFFLINE: { border: "#dc2626", fill: "#fef2f2" },
  DECOMMISSIONED: { border: "#6b7280", fill: "#f3f4f6" },
};

const VARIANT = { PLANNED: "outline", ACTIVE: "success", OFFLINE: "destructive", DECOMMISSIONED: "secondary" } as const;

export function DeviceStatusBadge({ status }: { status: DeviceStatusValue }) {
  return <Badge variant={VARIANT[status]}>{STATUS_LABELS[status]}</Badge>;
}

export { ROLE_LABELS };
