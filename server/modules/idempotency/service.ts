import { createHash } from "node:crypto";
import { z } from "zod";
import { Reply } from "../../api/rest/route";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { withTenant } from "../../db/tenant";
import type { Scope, Tenant } from "../scope";
import { IDEMPOTENCY_KEY_DAYS } from "./prune";

// REST creates that honour an Idempotency-Key (POST /api/payments, /api/customers, /api/tickets),
// so a client (or a load balancer) may retry one whose answer it never got. The key's row is
// inserted first, in the request's own transaction: a second request with the key waits on the
// first's uncommitted row (the unique index), then finds it committed with its response and
// answers that, so truly parallel duplicates, on any app instance, create one row. The same key
// with another request (another body or another route) is refused. A request that fails rolls
// its key back with everything else, so a retry runs again. Keys are per company, and remembered
// for IDEMPOTENCY_KEY_DAYS (prune.ts: the retention job deletes older ones). A create that
// must run outside a transaction (starting a card or M-Pesa payment) uses onceOutside instead.

export const IDEMPOTENCY_KEY_HINT = "Send at most 255 printable characters, e.g. a UUID.";
export const IDEMPOTENCY_DESCRIPTION = `Send an Idempotency-Key header to make retries safe: the same key with the same body answers the first result again (header Idempotent-Replayed: true) and creates nothing; the same key with another body is refused with 409. A key is remembered for ${IDEMPOTENCY_KEY_DAYS} days; after that it is forgotten and may be used again.`;
export const IDEMPOTENCY_CONFLICT = "The Idempotency-Key was already used with a different request.";

/** The request header, as a route declares it for the API reference. */
export const idempotencyHeaders = z.object({
  "Idempotency-Key": z
    .string()
    .max(255)
    .optional()
    .describe(
      `Makes a retry safe for ${IDEMPOTENCY_KEY_DAYS} days: the same key with the same body answers the first result; with another body, 409. ${IDEMPOTENCY_KEY_HINT}`,
    ),
});

/**
 * How long a claim may stay without its answer before a retry may take it over (onceOutside). Far
 * above a provider call's longest run (Daraja's fetch timeout, Stripe's timeout with its retries),
 * so a request still running is never run twice.
 */
export const ABANDONED_CLAIM_MS = 10 * 60_000;

/** The key's row, inserted now; or the first request's answer when the key was used before. */
type Claim<T> = { claimed: true; id: string } | { claimed: false; response: T };

async function claim<T>(scope: Scope, key: string, request: unknown): Promise<Claim<T>> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new Invalid(`The Idempotency-Key header is not valid. ${IDEMPOTENCY_KEY_HINT}`);
  const requestHash = createHash("sha256").update(JSON.stringify(request)).digest("hex");
  const id = newId();
  const inserted = await scope.tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "IdempotencyRecord" (id, "companyId", key, "requestHash")
    VALUES (${id}, ${scope.companyId}, ${key}, ${requestHash})
    ON CONFLICT ("companyId", key) DO NOTHING
    RETURNING id`;
  if (inserted.length > 0) return { claimed: true, id };
  const first = await scope.tx.idempotencyRecord.findUniqueOrThrow({
    where: { companyId_key: { companyId: scope.companyId, key } },
  });
  if (first.requestHash !== requestHash)
    throw new Conflict(
      "This Idempotency-Key was already used for a different request. Send the same request to get its answer again, or a new key for a new one.",
    );
  // Only a claim committed before its answer (onceOutside) is ever seen without one.
  if (first.response === null) {
    // A claim this old lost its request (the instance died between claim and answer): the
    // retry takes it over, once (the createdAt it saw is the condition), and runs the create.
    if (Date.now() - first.createdAt.getTime() > ABANDONED_CLAIM_MS) {
      const taken = await scope.tx.$executeRaw`
        UPDATE "IdempotencyRecord" SET "createdAt" = now()
        WHERE id = ${first.id} AND response IS NULL AND "createdAt" = ${first.createdAt}`;
      if (taken === 1) return { claimed: true, id: first.id };
    }
    throw new Conflict(
      "The first request with this Idempotency-Key is still being processed. Send it again in a few seconds to get its answer.",
    );
  }
  return { claimed: false, response: first.response as T };
}

function remember(scope: Scope, id: string, response: unknown) {
  return scope.tx.idempotencyRecord.update({
    where: { id },
    data: { statusCode: 201, response: JSON.parse(JSON.stringify(response)) as Prisma.InputJsonValue },
  });
}

export async function once<T>(
  scope: Scope,
  key: string,
  request: unknown,
  fn: () => Promise<T>,
): Promise<{ replayed: boolean; response: T }> {
  const claimed = await claim<T>(scope, key, request);
  if (!claimed.claimed) return { replayed: true, response: claimed.response };
  const response = await fn();
  await remember(scope, claimed.id, response);
  return { replayed: false, response };
}

/**
 * The same for a create that opens its own transactions (a payment provider must be called
 * outside one): the key is claimed in a short transaction of its own and committed, `fn` runs,
 * and its answer is stored in another. A duplicate that arrives while the first still runs is
 * refused with 409 saying so (it cannot wait on a row that is already committed); once the answer
 * is stored, duplicates get it. When `fn` fails, the claim is released, so a retry runs again; a
 * claim whose request died with its instance is taken over after ABANDONED_CLAIM_MS.
 */
export async function onceOutside<T>(
  tenant: Tenant,
  key: string,
  request: unknown,
  fn: () => Promise<T>,
): Promise<{ replayed: boolean; response: T }> {
  const inScope = <R>(work: (scope: Scope) => Promise<R>) =>
    withTenant(tenant.companyId, (tx) => work({ tx, ...tenant }));
  const claimed = await inScope((scope) => claim<T>(scope, key, request));
  if (!claimed.claimed) return { replayed: true, response: claimed.response };
  let response: T;
  try {
    response = await fn();
  } catch (err) {
    await inScope((scope) => scope.tx.idempotencyRecord.delete({ where: { id: claimed.id } }));
    throw err;
  }
  await inScope((scope) => remember(scope, claimed.id, response));
  return { replayed: false, response };
}

/**
 * A REST create's answer under the request's Idempotency-Key, if it sent one: `create` runs once
 * per key; a replay answers the first response with `Idempotent-Replayed: true`. The key belongs
 * to the route, the body and the signed-in user together: another user's request with the same
 * key is refused, never answered with the first user's response.
 */
export function createOnce<T>(scope: Scope, req: Request, route: string, body: unknown, create: () => Promise<T>) {
  return underKey(req, { route, user: scope.actor.id ?? null, body }, create, (key, request) =>
    once(scope, key, request, create),
  );
}

/** createOnce for a create that opens its own transactions (see onceOutside). */
export function createOnceOutside<T>(
  tenant: Tenant,
  req: Request,
  route: string,
  body: unknown,
  create: () => Promise<T>,
) {
  return underKey(req, { route, user: tenant.actor.id ?? null, body }, create, (key, request) =>
    onceOutside(tenant, key, request, create),
  );
}

async function underKey<T>(
  req: Request,
  request: { route: string; user: string | null; body: unknown },
  create: () => Promise<T>,
  run: (key: string, request: unknown) => Promise<{ replayed: boolean; response: T }>,
): Promise<T | Reply<T>> {
  const key = req.headers.get("idempotency-key");
  if (key === null) return create();
  const { replayed, response } = await run(key, request);
  return new Reply(201, response, replayed ? { "Idempotent-Replayed": "true" } : {});
}
