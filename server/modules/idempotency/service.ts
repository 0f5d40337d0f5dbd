import { createHash } from "node:crypto";
import { z } from "zod";
import { Reply } from "../../api/rest/route";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// REST creates that honour an Idempotency-Key (POST /api/payments, /api/customers, /api/tickets),
// so a client (or a load balancer) may retry one whose answer it never got. The key's row is
// inserted first, in the request's own transaction: a second request with the key waits on the
// first's uncommitted row (the unique index), then finds it committed with its response and
// answers that, so truly parallel duplicates, on any app instance, create one row. The same key
// with another request (another body or another route) is refused. A request that fails rolls
// its key back with everything else, so a retry runs again. Keys are per company.

export const IDEMPOTENCY_KEY_HINT = "Send at most 255 printable characters, e.g. a UUID.";
export const IDEMPOTENCY_DESCRIPTION =
  "Send an Idempotency-Key header to make retries safe: the same key with the same body answers the first result again (header Idempotent-Replayed: true) and creates nothing; the same key with another body is refused with 409.";
export const IDEMPOTENCY_CONFLICT = "The Idempotency-Key was already used with a different request.";

/** The request header, as a route declares it for the API reference. */
export const idempotencyHeaders = z.object({
  "Idempotency-Key": z
    .string()
    .max(255)
    .optional()
    .describe(
      `Makes a retry safe: the same key with the same body answers the first result; with another body, 409. ${IDEMPOTENCY_KEY_HINT}`,
    ),
});

export async function once<T>(
  scope: Scope,
  key: string,
  request: unknown,
  fn: () => Promise<T>,
): Promise<{ replayed: boolean; response: T }> {
  if (!/^[\x21-\x7e]{1,255}$/.test(key))
    throw new Invalid(`The Idempotency-Key header is not valid. ${IDEMPOTENCY_KEY_HINT}`);
  const requestHash = createHash("sha256").update(JSON.stringify(request)).digest("hex");
  const id = newId();
  const inserted = await scope.tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "IdempotencyRecord" (id, "companyId", key, "requestHash")
    VALUES (${id}, ${scope.companyId}, ${key}, ${requestHash})
    ON CONFLICT ("companyId", key) DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) {
    const first = await scope.tx.idempotencyRecord.findUniqueOrThrow({
      where: { companyId_key: { companyId: scope.companyId, key } },
    });
    if (first.requestHash !== requestHash)
      throw new Conflict(
        "This Idempotency-Key was already used for a different request. Send the same request to get its answer again, or a new key for a new one.",
      );
    return { replayed: true, response: first.response as T };
  }
  const response = await fn();
  await scope.tx.idempotencyRecord.update({
    where: { id },
    data: { statusCode: 201, response: JSON.parse(JSON.stringify(response)) as Prisma.InputJsonValue },
  });
  return { replayed: false, response };
}

/**
 * A REST create's answer under the request's Idempotency-Key, if it sent one: `create` runs once
 * per key; a replay answers the first response with `Idempotent-Replayed: true`. The key belongs
 * to the route, the body and the signed-in user together: another user's request with the same
 * key is refused, never answered with the first user's response.
 */
export async function createOnce<T>(
  scope: Scope,
  req: Request,
  route: string,
  body: unknown,
  create: () => Promise<T>,
): Promise<T | Reply<T>> {
  const key = req.headers.get("idempotency-key");
  if (key === null) return create();
  const { replayed, response } = await once(scope, key, { route, user: scope.actor.id ?? null, body }, create);
  return new Reply(201, response, replayed ? { "Idempotent-Replayed": "true" } : {});
}
