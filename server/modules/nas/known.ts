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
// Every RADIUS request asks, so the company's set of addresses is kept in memory (one query per
// company per TTL, shared by concurrent requests; a lookup is then one Set.has). A change to the
// registry drops the company's set once it commits, on this instance at once and on the others
// through the shared state's broadcast (server/shared-state, milliseconds); the TTL only bounds
// how long an instance that missed a broadcast (its connection to the shared state down) is stale.

export const KNOWN_NAS_TTL_MS = 10_000;
const MAX_COMPANIES = 10_000;

interface Entry {
  at: number;
  ips: Promise<ReadonlySet<string>>;
}
const holder = globalThis as unknown as { lastmileKnownNas?: Map<string, Entry> };
const cache = (holder.lastmileKnownNas ??= new Map());

function load(companyId: string): Promise<ReadonlySet<string>> {
  return withTenant(companyId, async (tx) => {
    const rows = await tx.nas.findMany({ select: { ipAddress: true } });
    return new Set(rows.map((r) => r.ipAddress));
  });
}

/** The company's registered NAS addresses (lower case), at most KNOWN_NAS_TTL_MS old. */
export function registeredAddresses(companyId: string, now = Date.now()): Promise<ReadonlySet<string>> {
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

export type NasCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether a RADIUS request naming `nasIp` may be handled for the company; a refusal is logged.
 * `nasIp` null: the request named no NAS (refused too once NAS are registered: it cannot be checked).
 */
export async function checkNas(companyId: string, actor: Actor, nasIp: string | null): Promise<NasCheck> {
  const known = await registeredAddresses(companyId);
  if (known.size === 0) return { ok: true };
  const ip = nasIp?.trim().toLowerCase() || null;
  if (ip && known.has(ip)) return { ok: true };
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
