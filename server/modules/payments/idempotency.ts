import { createHash } from "node:crypto";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// REST writes that honour an Idempotency-Key. The key's row is inserted first, in the request's
// own transaction: a second request with the key waits on the first's uncommitted row (the
// unique index), then finds it committed with its response and answers that, so truly parallel
// duplicates make one payment. The same key with another request is refused. A request that
// fails rolls its key back with everything else, so a retry runs again.

export const IDEMPOTENCY_KEY_HINT = "Send at most 255 printable characters, e.g. a UUID.";

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
        "This Idempotency-Key was already used for a different request. Send the same request to get its answer again, or a new key for a new payment.",
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
