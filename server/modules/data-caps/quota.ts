import type { Prisma } from "../../db/generated/prisma/client";
import type { CapAction } from "../../db/generated/prisma/enums";
import { fairUseRows, type RadiusRow } from "../provisioning/attributes";
import type { Scope } from "../scope";
import { alignmentOf, allowancesOn, MIB } from "./allowance";
import { CAPPED_SELECT, cappedOf, companyToday } from "./subscriptions";

// What a capped subscriber may still use this billing cycle, for RADIUS authorize: what is left
// of cap + top-ups + rollover (free night-window usage not counted), and what the package does
// once nothing is left: throttle to the fair-use speed, refuse, or the walled garden. A top-up
// lifts it at the next login; the next cycle starts from the full allowance.

export interface SessionQuota {
  remainingBytes: bigint;
  onCap: CapAction;
  /** The speed replies once nothing is left (THROTTLE); null when there are no fair-use speeds. */
  fairUse: RadiusRow[] | null;
}

const POLICY_SPEEDS = {
  downloadKbps: true,
  uploadKbps: true,
  priority: true,
  fupDownloadKbps: true,
  fupUploadKbps: true,
  freeFromHour: true,
  freeToHour: true,
} as const;

/** A capped subscription with what its package does at the cap (and its speeds, for the fair-use replies). */
export const CAP_SELECT = {
  ...CAPPED_SELECT,
  package: {
    select: {
      ...CAPPED_SELECT.package.select,
      downloadKbps: true,
      uploadKbps: true,
      fupDownloadKbps: true,
      fupUploadKbps: true,
      overagePerGbMinor: true,
      onCap: true,
      bandwidthPolicy: { select: POLICY_SPEEDS },
    },
  },
} satisfies Prisma.SubscriptionSelect;

type CapRow = Prisma.SubscriptionGetPayload<{ select: typeof CAP_SELECT }>;

/** What the package does at the cap, and the fair-use speed replies (null: none to slow down to). */
export function capActionOf(row: CapRow): { onCap: CapAction; fairUse: RadiusRow[] | null } {
  const fairUse = fairUseRows(row.package, row.package.bandwidthPolicy);
  // A throttling package without any fair-use speed to slow down to is cut off instead.
  return { onCap: row.package.onCap === "THROTTLE" && !fairUse ? "DISCONNECT" : row.package.onCap, fairUse };
}

/** Null when nothing limits the subscription per cycle (no cap, or usage above it is billed). */
export async function sessionQuota(
  scope: Scope,
  subscriptionId: string,
  now: Date = new Date(),
): Promise<SessionQuota | null> {
  const row = await scope.tx.subscription.findUnique({ where: { id: subscriptionId }, select: CAP_SELECT });
  const capped = row ? cappedOf(row) : null;
  if (!row || !capped || row.package.overagePerGbMinor != null) return null;
  const today = await companyToday(scope.tx, scope.companyId, now);
  const [a] = await allowancesOn(scope.tx, scope.companyId, [capped], today, await alignmentOf(scope.tx));
  const left = BigInt(a!.allowanceMb) * MIB - a!.usedBytes;
  return { remainingBytes: left > 0n ? left : 0n, ...capActionOf(row) };
}
