import type { Package, SubscriptionStatus } from "../../db/generated/prisma/client";

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
>;

const TWO_32 = 4_294_967_296;
const MIB = 1_048_576;

/**
 * MikroTik's rate limit, from the router's side: rx (subscriber upload) before tx (download),
 * "up/down [burstUp/burstDown [threshold/threshold [time/time]]]".
 */
export function mikrotikRateLimit(pkg: RadiusPackage): string {
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
  return parts.join(" ");
}

export function radiusAttributesFor(login: RadiusLogin, pkg: RadiusPackage): RadiusRow[] {
  // Pending (not yet switched on) and terminated logins have no records at all: unknown users are rejected.
  if (!login.username || !login.hasPassword || login.status === "PENDING" || login.status === "TERMINATED") return [];
  const check = (attribute: string, value: string): RadiusRow => ({ kind: "check", attribute, op: ":=", value });
  const reply = (attribute: string, value: string): RadiusRow => ({ kind: "reply", attribute, op: ":=", value });
  // Suspended: the login stays known (resume is instant) but every session is refused.
  if (login.status === "SUSPENDED") return [check("Auth-Type", "Reject")];
  const rows: RadiusRow[] = [];

  rows.push(reply("Mikrotik-Rate-Limit", mikrotikRateLimit(pkg)));
  const timeoutMinutes =
    pkg.sessionTimeoutMinutes ?? (pkg.type === "HOTSPOT" && pkg.hotspotMode === "TIME" ? pkg.validityMinutes : null);
  if (timeoutMinutes) rows.push(reply("Session-Timeout", String(timeoutMinutes * 60)));
  if (login.staticIp) rows.push(reply("Framed-IP-Address", login.staticIp));
  if (login.delegatedPrefix) rows.push(reply("Delegated-IPv6-Prefix", login.delegatedPrefix));
  // A cap with fair-use speeds slows the subscriber down (usage job, network issue) rather than
  // cutting them off; only a hard cap becomes a RADIUS quota.
  const fairUse = pkg.fupDownloadKbps != null || pkg.fupUploadKbps != null;
  if (pkg.dataCapMb && !fairUse) {
    // Mikrotik-Total-Limit is a 32-bit counter; the gigawords attribute carries the 4 GiB multiples.
    const bytes = pkg.dataCapMb * MIB;
    rows.push(reply("Mikrotik-Total-Limit", String(bytes % TWO_32)));
    if (bytes >= TWO_32) rows.push(reply("Mikrotik-Total-Limit-Gigawords", String(Math.floor(bytes / TWO_32))));
  }
  return rows;
}
