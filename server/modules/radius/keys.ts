import type { z } from "zod";
import type { ServerKeyUse } from "../../db/generated/prisma/enums";
import { withTenant, type Tx } from "../../db/tenant";
import { afterCommit } from "../../lib/after-commit";
import { dropEverywhere, onDrop } from "../../shared-state";
import { randomToken, sha256 } from "../../lib/crypto";
import { Conflict, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { env } from "../../lib/env";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import * as rateLimit from "../auth/rate-limit";
import { answerKeyFields } from "./answers";
import { createKeySchema, keySourcesInputSchema, revokeKeySchema } from "./schema";
import * as metrics from "./metrics";
import { sourceAllowed } from "./sources";

// Server keys: the credential a company's FreeRADIUS server presents when it asks our API whether
// a subscriber may log in and when it reports usage (use RADIUS), or that a poller presents when
// it posts SNMP poll results (use POLLER). Each kind is accepted only by its own endpoints, so a
// leaked poller key cannot write accounting, nor a RADIUS key poll results. A key is shown once, when it
// is made; only its SHA-256 is kept (it is 256 random bits, so a plain hash is enough, and the
// lookup by hash is a single index probe on every RADIUS packet). The first characters are
// kept in clear so staff can tell keys apart in the list and in FreeRADIUS's configuration.

/** "lmr_" (a RADIUS server's) and "lmp_" (a poller's) say what the string is when it turns up in a config file or a log. */
export const KEY_PREFIX = "lmr_";
export const POLLER_KEY_PREFIX = "lmp_";
const PREFIXES: Record<ServerKeyUse, string> = { RADIUS: KEY_PREFIX, POLLER: POLLER_KEY_PREFIX };
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
/** lastUsedAt is written at most this often: it is a hint for staff, not an access log. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  use: true,
  keyPrefix: true,
  allowedSources: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export interface RadiusKeyRef {
  id: string;
  name: string;
}

export async function list(scope: Scope) {
  // Working keys first, then revoked ones; newest first within each.
  const rows = await scope.tx.radiusServerKey.findMany({
    select: PUBLIC_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  // What this app instance has seen from each key, per source address (metrics.ts).
  const activity = metrics.activityOf(scope.companyId);
  const withActivity = rows.map((k) => ({ ...k, accounting: activity.filter((a) => a.keyId === k.id) }));
  return [...withActivity.filter((k) => !k.revokedAt), ...withActivity.filter((k) => k.revokedAt)];
}

export async function create(scope: Scope, input: z.input<typeof createKeySchema>) {
  const { name, allowedSources, use } = createKeySchema.parse(input);
  const clash = await scope.tx.radiusServerKey.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, revokedAt: null },
    select: { id: true },
  });
  if (clash)
    throw new Conflict("A working key already has this name. Choose another name, or revoke the old key first.", {
      name: "A working key already has this name.",
    });
  const secret = `${PREFIXES[use]}${randomToken(32)}`;
  const key = await scope.tx.radiusServerKey.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      name,
      use,
      keyHash: sha256(secret),
      keyPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      allowedSources,
      createdById: scope.actor.id ?? null,
      // What lets FreeRADIUS's SQL answers open this company's passwords with the secret
      // (answers.ts); a poller key never can.
      ...(use === "RADIUS" ? answerKeyFields(scope.companyId, secret) : {}),
    },
    select: PUBLIC_FIELDS,
  });
  await audit.record(scope, {
    action: "radius_key.create",
    entityType: "RadiusServerKey",
    entityId: key.id,
    after: { name, use, keyPrefix: key.keyPrefix, allowedSources },
  });
  // The only time the key leaves the server.
  return { key, secret };
}

export async function revoke(scope: Scope, input: z.input<typeof revokeKeySchema>) {
  const { id } = revokeKeySchema.parse(input);
  const key = await scope.tx.radiusServerKey.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!key) throw new NotFound("RADIUS server key");
  if (key.revokedAt) throw new Conflict("This key is already revoked.");
  const revoked = await scope.tx.radiusServerKey.update({
    where: { id },
    data: { revokedAt: new Date() },
    select: PUBLIC_FIELDS,
  });
  forget(scope.tx, id);
  await audit.record(scope, {
    action: "radius_key.revoke",
    entityType: "RadiusServerKey",
    entityId: id,
    before: { name: key.name, keyPrefix: key.keyPrefix },
  });
  return revoked;
}

/** Changes the addresses a working key is accepted from (empty: any). */
export async function setSources(scope: Scope, input: z.input<typeof keySourcesInputSchema>) {
  const { id, allowedSources } = keySourcesInputSchema.parse(input);
  const key = await scope.tx.radiusServerKey.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!key) throw new NotFound("RADIUS server key");
  if (key.revokedAt) throw new Conflict("This key is revoked; create a new one instead.");
  const updated = await scope.tx.radiusServerKey.update({
    where: { id },
    data: { allowedSources },
    select: PUBLIC_FIELDS,
  });
  forget(scope.tx, id);
  await audit.record(scope, {
    action: "radius_key.update_sources",
    entityType: "RadiusServerKey",
    entityId: id,
    before: { allowedSources: key.allowedSources },
    after: { allowedSources },
  });
  return updated;
}

export type KeyCheck = { ok: true; key: RadiusKeyRef } | { ok: false; reason: "unknown" | "source" | "use" };

/**
 * A working key, once verified, is trusted for this long without asking the database again
 * (every RADIUS packet presents it). A revoked key, or a change to its allowed sources, takes
 * effect at once on the instance that made the change and, through the broadcast of
 * server/shared-state, on the others milliseconds after it committed; should a broadcast be
 * missed (an instance's connection to the shared state down), within this time.
 */
export const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX = 1_000;

interface CachedKey {
  key: RadiusKeyRef;
  use: ServerKeyUse;
  allowedSources: string[];
  lastUsedAt: number;
  at: number;
}
const holder = globalThis as unknown as { lastmileRadiusKeys?: Map<string, CachedKey> };
const keyCache = (holder.lastmileRadiusKeys ??= new Map());

/** Forgets a key in this instance's cache (revoked, or its sources changed). */
function forgetHere(id: string) {
  for (const [k, v] of keyCache) if (v.key.id === id) keyCache.delete(k);
}
onDrop((message) => {
  if (message.startsWith("radius-key:")) forgetHere(message.slice("radius-key:".length));
});

/** Forgets a key now here, and on every instance once the change committed (server/shared-state). */
function forget(tx: Tx, id: string) {
  forgetHere(id);
  afterCommit(tx, async () => dropEverywhere(`radius-key:${id}`));
}

/**
 * The working key of `companyId` that `presented` is, if it may be used from `source`. Row-level
 * security confines the lookup to that company, so a key of another ISP is simply not found on
 * this one's address. Runs in its own short transaction so that the occasional lastUsedAt write never holds the
 * key's row lock while a RADIUS request does its real work.
 */
export async function verify(
  companyId: string,
  presented: string,
  source: string,
  now: Date = new Date(),
  use: ServerKeyUse = "RADIUS",
): Promise<KeyCheck> {
  if (!presented.startsWith(KEY_PREFIX) && !presented.startsWith(POLLER_KEY_PREFIX))
    return { ok: false, reason: "unknown" };
  const hash = sha256(presented);
  const cacheKey = `${companyId}|${hash}`;
  const hit = keyCache.get(cacheKey);
  // A refusal by source, and the once-a-minute lastUsedAt, take the database path below.
  if (
    hit &&
    now.getTime() - hit.at < KEY_CACHE_TTL_MS &&
    now.getTime() - hit.lastUsedAt < LAST_USED_RESOLUTION_MS &&
    sourceAllowed(hit.allowedSources, source)
  )
    return hit.use === use ? { ok: true, key: hit.key } : { ok: false, reason: "use" };
  const check = await verifyInDatabase(companyId, presented, hash, source, now);
  keyCache.delete(cacheKey);
  if (check.ok) {
    keyCache.set(cacheKey, {
      key: check.key,
      use: check.use,
      allowedSources: check.allowedSources,
      lastUsedAt: check.lastUsedAt.getTime(),
      at: now.getTime(),
    });
    if (keyCache.size > KEY_CACHE_MAX) keyCache.delete(keyCache.keys().next().value!);
    return check.use === use ? { ok: true, key: check.key } : { ok: false, reason: "use" };
  }
  return check;
}

async function verifyInDatabase(
  companyId: string,
  presented: string,
  hash: string,
  source: string,
  now: Date,
): Promise<
  | { ok: true; key: RadiusKeyRef; use: ServerKeyUse; allowedSources: string[]; lastUsedAt: Date }
  | { ok: false; reason: "unknown" | "source" }
> {
  return withTenant(companyId, async (tx) => {
    const key = await tx.radiusServerKey.findUnique({
      where: { keyHash: hash },
      select: {
        id: true,
        name: true,
        use: true,
        revokedAt: true,
        lastUsedAt: true,
        allowedSources: true,
        answerFreshSeconds: true,
        answerKey: true,
      },
    });
    if (!key || key.revokedAt) return { ok: false, reason: "unknown" };
    if (!sourceAllowed(key.allowedSources, source)) {
      // A working key from the wrong place has leaked or been copied. Staff see it in the audit
      // log: the first refusal per key and address each minute (a flood writes a handful of rows).
      const first = await rateLimit.claim(tx, {
        key: ["radius.source-refused", key.id, source],
        max: 1,
        windowSeconds: 60,
      });
      if (first.allowed) {
        const scope: Scope = {
          tx,
          companyId,
          actor: { type: "API", id: key.id, label: `RADIUS server "${key.name}"`, ip: source },
        };
        await audit.record(scope, {
          action: "radius_key.source_refused",
          entityType: "RadiusServerKey",
          entityId: key.id,
          after: { source, allowedSources: key.allowedSources },
        });
      }
      return { ok: false, reason: "source" };
    }
    // A key made before FreeRADIUS's SQL answers (or a changed fresh window): the secret is in
    // hand now, so the SQL answers can use it from here on (answers.ts).
    // Conditional, as lastUsedAt below: of many requests arriving together only the first writes.
    const fresh = env().RADIUS_FRESH_LOGIN_SECONDS;
    // Only a RADIUS key: a poller key opens no subscriber's password.
    if (key.use === "RADIUS" && (!key.answerKey || key.answerFreshSeconds !== fresh))
      await tx.radiusServerKey.updateMany({
        where: {
          id: key.id,
          OR: [{ answerKey: null }, { answerFreshSeconds: null }, { answerFreshSeconds: { not: fresh } }],
        },
        data: answerKeyFields(companyId, presented),
      });
    let lastUsedAt = key.lastUsedAt ?? now;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      lastUsedAt = now;
      // Conditional, so that of many requests arriving together only the first one writes.
      const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await tx.radiusServerKey.updateMany({
        where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
        data: { lastUsedAt: now },
      });
    }
    return {
      ok: true,
      key: { id: key.id, name: key.name },
      use: key.use,
      allowedSources: key.allowedSources,
      lastUsedAt,
    };
  });
}
