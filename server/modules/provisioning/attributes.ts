import type { BandwidthPolicy, Package, SubscriptionStatus } from "../../db/generated/prisma/client";

// The RADIUS records of one login, FreeRADIUS radcheck/radreply style, computed from the desired
// state alone: no database, no clock. Writing exactly this set (replacing what was there) is
// what makes provisioning idempotent.

export interface RadiusRow {
  kind: "check" | "reply";
  attribute: string;
  op: ":=" | "==" | "+=";
  value: string;
}

export interface RadiusLogin {
  status: SubscriptionStatus;
  username: string | null;
  /** Whether the login has a password; the password itself is never copied into these rows
   *  (FreeRADIUS gets it from the sealed subscription at authorize, see radius/access.ts). */
  hasPassword: boolean;
  /** The IPv4 address IPAM assigned to the subscription (Framed-IP-Address). */
  staticIp?: string | null;
  /** The IPv6 prefix IPAM delegated to the subscription (Delegated-IPv6-Prefix, RFC 4818). */
  delegatedPrefix?: string | null;
}

export type RadiusPackage = Pick<
  Package,
  | "type"
  | "hotspotMode"
  | "downloadKbps"
  | "uploadKbps"
  | "burstDownloadKbps"
  | "burstUploadKbps"
  | "burstThresholdBps"
  | "burstTimeSeconds"
  | "dataCapMb"
  | "fupDownloadKbps"
  | "fupUploadKbps"
  | "validityMinutes"
  | "sessionTimeoutMinutes"
> &
  Partial<Pick<Package, "onCap" | "overagePerGbMinor">>;

/** A package's bandwidth policy as RADIUS needs it (server/modules/bandwidth owns the table). */
export type RadiusPolicy = Pick<
  BandwidthPolicy,
  | "downloadKbps"
  | "uploadKbps"
  | "burstDownloadKbps"
  | "burstUploadKbps"
  | "burstThresholdBps"
  | "burstTimeSeconds"
  | "priority"
  | "fupDownloadKbps"
  | "fupUploadKbps"
  | "addressList"
>;

/** What a rate limit is built from: a package's own speeds, or its policy's. */
export interface Speeds {
  downloadKbps: number;
  uploadKbps: number;
  burstDownloadKbps?: number | null;
  burstUploadKbps?: number | null;
  burstThresholdBps?: number | null;
  burstTimeSeconds?: number | null;
  /** MikroTik queue priority 1-8 (policies only). */
  priority?: number | null;
}

/** The walled garden of a company, as the captive answer needs it. */
export interface CaptiveGarden {
  addressList: string;
  framedPool: string | null;
}

const TWO_32 = 4_294_967_296;
const MIB = 1_048_576;

/**
 * MikroTik's rate limit, from the router's side: rx (subscriber upload) before tx (download),
 * "up/down [burstUp/burstDown [threshold/threshold [time/time [priority]]]]". A priority needs
 * the three burst fields before it; "0/0" there means no burst.
 */
export function mikrotikRateLimit(pkg: Speeds): string {
  const parts = [`${pkg.uploadKbps}k/${pkg.downloadKbps}k`];
  if (pkg.burstDownloadKbps || pkg.burstUploadKbps) {
    const bu = pkg.burstUploadKbps ?? pkg.uploadKbps;
    const bd = pkg.burstDownloadKbps ?? pkg.downloadKbps;
    parts.push(`${bu}k/${bd}k`);
    if (pkg.burstThresholdBps || pkg.burstTimeSeconds) {
      // Without a threshold, burst while the average stays under 3/4 of the base rate (MikroTik's usual advice).
      const threshold = pkg.burstThresholdBps
        ? `${pkg.burstThresholdBps}/${pkg.burstThresholdBps}`
        : `${Math.floor((pkg.uploadKbps * 3) / 4)}k/${Math.floor((pkg.downloadKbps * 3) / 4)}k`;
      const time = pkg.burstTimeSeconds ?? 8;
      parts.push(threshold, `${time}/${time}`);
    }
  }
  if (pkg.priority) {
    while (parts.length < 4) parts.push("0/0");
    parts.push(String(pkg.priority));
  }
  return parts.join(" ");
}

/** Attributes that carry a subscriber's speed: replaced together by the fair-use speed. */
export const SPEED_ATTRIBUTES: ReadonlySet<string> = new Set([
  "Mikrotik-Rate-Limit",
  "WISPr-Bandwidth-Max-Down",
  "WISPr-Bandwidth-Max-Up",
]);

const reply = (attribute: string, value: string): RadiusRow => ({ kind: "reply", attribute, op: ":=", value });

/**
 * The speed replies: MikroTik's rate limit; with a bandwidth policy also the generic WISPr
 * maxima (bit/s, for non-MikroTik NAS) and the policy's address list.
 */
export function speedRows(pkg: RadiusPackage, policy?: RadiusPolicy | null): RadiusRow[] {
  if (!policy) return [reply("Mikrotik-Rate-Limit", mikrotikRateLimit(pkg))];
  const rows = [
    reply("Mikrotik-Rate-Limit", mikrotikRateLimit(policy)),
    reply("WISPr-Bandwidth-Max-Down", String(policy.downloadKbps * 1000)),
    reply("WISPr-Bandwidth-Max-Up", String(policy.uploadKbps * 1000)),
  ];
  if (policy.addressList) rows.push(reply("Mikrotik-Address-List", policy.addressList));
  return rows;
}

/**
 * The speed replies once the cycle's data is used up: the policy's fair-use speeds when the
 * package has a policy, else the package's own; a direction without one keeps its full speed
 * (no burst either way). Null when neither sets any (nothing to slow down to).
 */
type FairUseSpeeds = Pick<RadiusPolicy, "downloadKbps" | "uploadKbps" | "fupDownloadKbps" | "fupUploadKbps">;

export function fairUseRows(
  pkg: FairUseSpeeds,
  policy?: (FairUseSpeeds & Pick<RadiusPolicy, "priority">) | null,
): RadiusRow[] | null {
  const from = policy ?? pkg;
  if (from.fupDownloadKbps == null && from.fupUploadKbps == null) return null;
  const down = from.fupDownloadKbps ?? from.downloadKbps;
  const up = from.fupUploadKbps ?? from.uploadKbps;
  return [
    reply("Mikrotik-Rate-Limit", mikrotikRateLimit({ downloadKbps: down, uploadKbps: up, priority: policy?.priority })),
    reply("WISPr-Bandwidth-Max-Down", String(down * 1000)),
    reply("WISPr-Bandwidth-Max-Up", String(up * 1000)),
  ];
}

/**
 * The walled garden: the NAS puts the subscriber's address on the captive address list (its
 * firewall lets that list reach only the portal, docs/OPERATIONS.md) and, when the company has
 * one, takes the address from the captive pool.
 */
export function captiveRows(garden: CaptiveGarden): RadiusRow[] {
  const rows = [reply("Mikrotik-Address-List", garden.addressList)];
  if (garden.framedPool) rows.push(reply("Framed-Pool", garden.framedPool));
  return rows;
}

/** Whether the package's cap is a per-session quota (Mikrotik-Total-Limit) rather than a slow-down or a bill. */
export function hardCapped(pkg: RadiusPackage): boolean {
  // A package from before onCap existed (or a caller that does not say) throttles when it has fair-use speeds.
  const throttles = pkg.onCap ? pkg.onCap === "THROTTLE" : pkg.fupDownloadKbps != null || pkg.fupUploadKbps != null;
  return !!pkg.dataCapMb && !throttles && pkg.overagePerGbMinor == null;
}

export function radiusAttributesFor(login: RadiusLogin, pkg: RadiusPackage, policy?: RadiusPolicy | null): RadiusRow[] {
  // Pending (not yet switched on) and terminated logins have no records at all: unknown users are rejected.
  if (!login.username || !login.hasPassword || login.status === "PENDING" || login.status === "TERMINATED") return [];
  const check = (attribute: string, value: string): RadiusRow => ({ kind: "check", attribute, op: ":=", value });
  // Suspended: the login stays known (resume is instant) but every session is refused.
  if (login.status === "SUSPENDED") return [check("Auth-Type", "Reject")];
  const rows: RadiusRow[] = [];

  rows.push(...speedRows(pkg, policy));
  const timeoutMinutes =
    pkg.sessionTimeoutMinutes ?? (pkg.type === "HOTSPOT" && pkg.hotspotMode === "TIME" ? pkg.validityMinutes : null);
  if (timeoutMinutes) rows.push(reply("Session-Timeout", String(timeoutMinutes * 60)));
  if (login.staticIp) rows.push(reply("Framed-IP-Address", login.staticIp));
  if (login.delegatedPrefix) rows.push(reply("Delegated-IPv6-Prefix", login.delegatedPrefix));
  // A cap that throttles slows the subscriber down (authorize and the fair-use job, per billing
  // cycle) and one with an overage price is billed; only a hard cap becomes a RADIUS quota, which
  // authorize replaces with what is left of the cycle's allowance.
  if (hardCapped(pkg) && pkg.dataCapMb) {
    // Mikrotik-Total-Limit is a 32-bit counter; the gigawords attribute carries the 4 GiB multiples.
    const bytes = pkg.dataCapMb * MIB;
    rows.push(reply("Mikrotik-Total-Limit", String(bytes % TWO_32)));
    if (bytes >= TWO_32) rows.push(reply("Mikrotik-Total-Limit-Gigawords", String(Math.floor(bytes / TWO_32))));
  }
  return rows;
}
