import type { NasVendor } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { afterCommit } from "../../lib/after-commit";
import { dropEverywhere, onDrop } from "../../shared-state";
import * as audit from "../audit/service";
import * as rateLimit from "../auth/rate-limit";
import type { Actor, Scope } from "../scope";

// Which NAS may report to a company: FreeRADIUS checks each NAS's shared secret itself (a packet
// with the wrong secret never reaches the API; FreeRADIUS logs it as "invalid Message-Authenticator"
// or drops it as from an unknown client), so what the API can check is the NAS-IP-Address a packet
// says it comes from. Once a company has registered its NAS (Network → NAS), authorize, post-auth
// and accounting from any other address are refused, and the refusal is in the audit log (the
// first per address each minute, so a flood writes a handful of rows). A company that has
// registered no NAS yet is not checked: every address is accepted, as before the registry existed.
//
// Every RADIUS request asks, so the company's addresses (each with its NAS's vendor, which decides
// the speed attributes of the authorize answer) are kept in memory (one query per company per
// TTL, shared by concurrent requests; a lookup is then one Map.get). A change to the
// registry drops the company's set once it commits, on this instance at once and on the others
// through the shared state's broadcast (server/shared-state, milliseconds); the TTL only bounds
// how long an instance that missed a broadcast (its connection to the shared state down) is stale.

export const KNOWN_NAS_TTL_MS = 10_000;
const MAX_COMPANIES = 10_000;

interface Entry {
  at: number;
  ips: Promise<ReadonlyMap<string, NasVendor>>;
}
const holder = globalThis as unknown as { lastmileKnownNas?: Map<string, Entry> };
const cache = (holder.lastmileKnownNas ??= new Map());

function load(companyId: string): Promise<ReadonlyMap<string, NasVendor>> {
  return withTenant(companyId, async (tx) => {
    const rows = await tx.nas.findMany({ select: { ipAddress: true, vendor: true } });
    return new Map(rows.map((r) => [r.ipAddress, r.vendor]));
  });
}

/** The company's registered NAS addresses (lower case) and their vendors, at most KNOWN_NAS_TTL_MS old. */
export function registeredNas(companyId: string, now = Date.now()): Promise<ReadonlyMap<string, NasVendor>> {
  const hit = cache.get(companyId);
  if (hit && now - hit.at < KNOWN_NAS_TTL_MS) return hit.ips;
  const ips = load(companyId);
  cache.set(companyId, { at: now, ips });
  // A failed read is not kept: the next request asks again.
  ips.catch(() => cache.get(companyId)?.ips === ips && cache.delete(companyId));
  if (cache.size > MAX_COMPANIES) cache.delete(cache.keys().next().value!);
  return ips;
}

const DROP_PREFIX = "known-nas:";
onDrop((message) => {
  if (message.startsWith(DROP_PREFIX)) cache.delete(message.slice(DROP_PREFIX.length));
});

/** After a change to the registry commits: every instance reads the registry again at its next request. */
export function forgetAfterCommit(scope: Scope): void {
  afterCommit(scope.tx, async () => dropEverywhere(`${DROP_PREFIX}${scope.companyId}`));
}

/** Accepted: with the registered NAS's vendor, or null when the company has registered no NAS. */
export type NasCheck = { ok: true; vendor: NasVendor | null } | { ok: false; message: string };

/**
 * Whether a RADIUS request naming `nasIp` may be handled for the company; a refusal is logged.
 * `nasIp` null: the request named no NAS (refused too once NAS are registered: it cannot be checked).
 */
export async function checkNas(companyId: string, actor: Actor, nasIp: string | null): Promise<NasCheck> {
  const known = await registeredNas(companyId);
  if (known.size === 0) return { ok: true, vendor: null };
  const ip = nasIp?.trim().toLowerCase() || null;
  const vendor = ip ? known.get(ip) : undefined;
  if (vendor) return { ok: true, vendor };
  await logRefusal(companyId, actor, ip);
  return {
    ok: false,
    message: ip
      ? `Unknown NAS ${ip}: register it under Network → NAS before it sends RADIUS requests.`
      : "The request has no NAS-IP-Address, so it cannot be matched to a registered NAS.",
  };
}

async function logRefusal(companyId: string, actor: Actor, ip: string | null) {
  await withTenant(companyId, async (tx) => {
    const first = await rateLimit.claim(tx, {
      key: ["radius.unknown-nas", companyId, ip ?? "none"],
      max: 1,
      windowSeconds: 60,
    });
    if (!first.allowed) return;
    await audit.record(
      { tx, companyId, actor },
      {
        action: "radius.unknown_nas",
        entityType: "Nas",
        entityId: null,
        after: { nasIp: ip, source: actor.ip ?? null },
      },
    );
  });
}
