import type { HotspotMode, VoucherStatus } from "../../db/generated/prisma/enums";
import { formatData } from "../../lib/money";

// What a hotspot package means for its vouchers, in one place: the staff pages, the printed
// cards and the RADIUS answers all read these.

export interface VoucherPackage {
  name: string;
  hotspotMode: HotspotMode | null;
  validityMinutes: number | null;
  dataCapMb: number | null;
  downloadKbps: number;
  uploadKbps: number;
  sessionTimeoutMinutes: number | null;
  priceMinor: number;
}

export const PACKAGE_FIELDS = {
  name: true,
  hotspotMode: true,
  validityMinutes: true,
  dataCapMb: true,
  downloadKbps: true,
  uploadKbps: true,
  sessionTimeoutMinutes: true,
  priceMinor: true,
} as const;

/** Why vouchers cannot be sold on this package, or null when they can. */
export function unsellableReason(pkg: VoucherPackage & { type: string; archivedAt: Date | null }): string | null {
  if (pkg.type !== "HOTSPOT") return "Vouchers can only be made for hotspot packages.";
  if (pkg.archivedAt) return "This package is archived. Choose a package that is still on sale.";
  if (pkg.hotspotMode === "TIME" && !pkg.validityMinutes)
    return "This time-based package has no validity set. Set one on the package first.";
  if (pkg.hotspotMode === "DATA" && !pkg.dataCapMb)
    return "This data-based package has no data allowance set. Set one on the package first.";
  if (!pkg.hotspotMode)
    return "This hotspot package is neither time- nor data-based. Set its mode on the package first.";
  return null;
}

/** When a voucher first used at `firstUsedAt` runs out by time (null: it never does). */
export function expiryFrom(pkg: Pick<VoucherPackage, "validityMinutes">, firstUsedAt: Date): Date | null {
  return pkg.validityMinutes ? new Date(firstUsedAt.getTime() + pkg.validityMinutes * 60_000) : null;
}

export function dataExhausted(pkg: Pick<VoucherPackage, "dataCapMb">, usedMb: number): boolean {
  return pkg.dataCapMb != null && usedMb >= pkg.dataCapMb;
}

/**
 * The status a person should see. A time-limited voucher is expired the moment its time is up,
 * even before the sweep (expireDue) has written EXPIRED.
 */
export function effectiveStatus(v: { status: VoucherStatus; expiresAt: Date | null }, now: Date): VoucherStatus {
  return v.status === "ACTIVE" && v.expiresAt && v.expiresAt <= now ? "EXPIRED" : v.status;
}

function minutesText(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "24 hours" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

/** "Valid 24 hours from first login", "1 GB", "1 GB · valid 7 days from first login". */
export function validityText(pkg: Pick<VoucherPackage, "hotspotMode" | "validityMinutes" | "dataCapMb">): string {
  const time = pkg.validityMinutes ? `valid ${minutesText(pkg.validityMinutes)} from first login` : null;
  if (pkg.hotspotMode === "DATA" && pkg.dataCapMb)
    return time ? `${formatData(pkg.dataCapMb)} · ${time}` : formatData(pkg.dataCapMb);
  return time ? time[0].toUpperCase() + time.slice(1) : "No time limit";
}
