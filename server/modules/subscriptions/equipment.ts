import type { Scope } from "../scope";
import { NotFound } from "../../lib/errors";
import * as audit from "../audit/service";

// Where a subscription sits in the network: its CPE (a device) and/or the interface it attaches
// to (a switch port, a PON port, an AP's radio). The devices module checks that both are the
// company's devices and calls this; only this module writes subscriptions.

export async function setEquipment(
  scope: Scope,
  id: string,
  equipment: { cpeDeviceId: string | null; accessInterfaceId: string | null },
) {
  const before = await scope.tx.subscription.findUnique({
    where: { id },
    select: { cpeDeviceId: true, accessInterfaceId: true },
  });
  if (!before) throw new NotFound("Subscription");
  await scope.tx.subscription.update({ where: { id }, data: equipment });
  await audit.record(scope, {
    action: "subscription.equipment",
    entityType: "Subscription",
    entityId: id,
    before,
    after: equipment,
  });
  return { id, ...equipment };
}
