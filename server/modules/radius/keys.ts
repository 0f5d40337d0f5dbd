import type { z } from "zod";
import { withTenant } from "../../db/tenant";
import { randomToken, sha256 } from "../../lib/crypto";
import { Conflict, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { createKeySchema, revokeKeySchema } from "./schema";

// RADIUS server keys: the credential a company's FreeRADIUS server presents when it asks our
// API whether a subscriber may log in and when it reports usage. A key is shown once, when it
// is made; only its SHA-256 is kept (it is 256 random bits, so a plain hash is enough, and the
// lookup by hash is a single index probe on every RADIUS packet). The first characters are
// kept in clear so staff can tell keys apart in the list and in FreeRADIUS's configuration.

/** "lmr_" says what the string is when it turns up in a config file or a log. */
export const KEY_PREFIX = "lmr_";
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 6;
/** lastUsedAt is written at most this often: it is a hint for staff, not an access log. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const PUBLIC_FIELDS = {
  id: true,
  name: true,
  keyPrefix: true,
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
  return [...rows.filter((k) => !k.revokedAt), ...rows.filter((k) => k.revokedAt)];
}

export async function create(scope: Scope, input: z.input<typeof createKeySchema>) {
  const { name } = createKeySchema.parse(input);
  const clash = await scope.tx.radiusServerKey.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, revokedAt: null },
    select: { id: true },
  });
  if (clash)
    throw new Conflict("A working key already has this name. Choose another name, or revoke the old key first.", {
      name: "A working key already has this name.",
    });
  const secret = `${KEY_PREFIX}${randomToken(32)}`;
  const key = await scope.tx.radiusServerKey.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      name,
      keyHash: sha256(secret),
      keyPrefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      createdById: scope.actor.id ?? null,
    },
    select: PUBLIC_FIELDS,
  });
  await audit.record(scope, {
    action: "radius_key.create",
    entityType: "RadiusServerKey",
    entityId: key.id,
    after: { name, keyPrefix: key.keyPrefix },
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
  await audit.record(scope, {
    action: "radius_key.revoke",
    entityType: "RadiusServerKey",
    entityId: id,
    before: { name: key.name, keyPrefix: key.keyPrefix },
  });
  return revoked;
}

/**
 * The working key of `companyId` that `presented` is, or null. Row-level security confines the
 * lookup to that company, so a key of another ISP is simply not found on this one's address.
 * Runs in its own short transaction so that the occasional lastUsedAt write never holds the
 * key's row lock while a RADIUS request does its real work.
 */
export async function verify(
  companyId: string,
  presented: string,
  now: Date = new Date(),
): Promise<RadiusKeyRef | null> {
  if (!presented.startsWith(KEY_PREFIX)) return null;
  return withTenant(companyId, async (tx) => {
    const key = await tx.radiusServerKey.findUnique({
      where: { keyHash: sha256(presented) },
      select: { id: true, name: true, revokedAt: true, lastUsedAt: true },
    });
    if (!key || key.revokedAt) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // Conditional, so that of many requests arriving together only the first one writes.
      const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await tx.radiusServerKey.updateMany({
        where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
        data: { lastUsedAt: now },
      });
    }
    return { id: key.id, name: key.name };
  });
}
