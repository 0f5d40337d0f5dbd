import type { PaymentProvider } from "../../db/generated/prisma/enums";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// Webhooks and callbacks are delivered at least once; each is applied once. The event's row is
// inserted first, in the same transaction as its effect: UNIQUE (provider, eventId) makes a
// replay (or a second delivery racing the first, which waits on the first's uncommitted row)
// insert nothing, and then nothing is applied. If the effect fails, the row rolls back with it
// and the provider's retry applies it.

export async function processEventOnce<T>(
  scope: Scope,
  provider: PaymentProvider,
  eventId: string,
  type: string,
  fn: () => Promise<T>,
): Promise<{ duplicate: true } | { duplicate: false; result: T }> {
  const rows = await scope.tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "ProviderEvent" (id, "companyId", provider, "eventId", type)
    VALUES (${newId()}, ${scope.companyId}, ${provider}::"PaymentProvider", ${eventId}, ${type.slice(0, 100)})
    ON CONFLICT (provider, "eventId") DO NOTHING
    RETURNING id`;
  if (rows.length === 0) return { duplicate: true };
  return { duplicate: false, result: await fn() };
}
