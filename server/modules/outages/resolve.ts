import type { z } from "zod";
import { Conflict } from "../../lib/errors";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { compensate } from "./compensation";
import { addToTimeline } from "./notify";
import { findOutage } from "./open";
import { resolveOutageSchema } from "./schema";

// Closing an outage: automatically when its device answers again (no root cause yet: staff add
// it afterwards), or by staff with the root cause. Customers are told service is back, and the
// company's compensation policy is applied once.

const RESTORED = "Service is restored. Sorry for the interruption.";

/** Marks the outage resolved at `at`, tells customers, compensates. Only an open outage. */
export async function close(
  scope: Scope,
  outageId: string,
  at: Date,
  how: { rootCause: string | null; message: string | null },
) {
  await scope.tx.outage.update({
    where: { id: outageId },
    data: { status: "RESOLVED", resolvedAt: at, rootCause: how.rootCause },
  });
  // Customers behind a child outage still open are still down: they hear when that one closes.
  const stillDown = await scope.tx.outage.findMany({
    where: { parentId: outageId, status: "OPEN" },
    select: { id: true },
  });
  await addToTimeline(scope, outageId, {
    kind: "RESOLVED",
    message: how.message ?? RESTORED,
    tellCustomers: true,
    exceptOutageIds: stillDown.map((o) => o.id),
  });
  const { compensated } = await compensate(scope, outageId);
  await audit.record(scope, {
    action: "outage.resolve",
    entityType: "Outage",
    entityId: outageId,
    after: { resolvedAt: at, rootCause: how.rootCause, compensated },
  });
}

/**
 * Staff resolve an open outage with its root cause; on one the device's recovery closed already,
 * this records the root cause (customers were told when it closed).
 */
export async function resolve(scope: Scope, input: z.input<typeof resolveOutageSchema>, now = new Date()) {
  const data = resolveOutageSchema.parse(input);
  const outage = await findOutage(scope, data.id);
  if (outage.status === "OPEN") {
    await close(scope, outage.id, now, { rootCause: data.rootCause, message: data.message });
    return { id: outage.id, status: "RESOLVED" as const };
  }
  if (outage.rootCause) throw new Conflict("This outage is resolved and its root cause recorded already.");
  await scope.tx.outage.update({ where: { id: outage.id }, data: { rootCause: data.rootCause } });
  await audit.record(scope, {
    action: "outage.root_cause",
    entityType: "Outage",
    entityId: outage.id,
    before: { rootCause: null },
    after: { rootCause: data.rootCause },
  });
  return { id: outage.id, status: "RESOLVED" as const };
}
