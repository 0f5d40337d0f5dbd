import { Conflict, NotFound } from "../../lib/errors";
import type { Scope } from "../scope";
import { moveUnits } from "./assets";
import { ASSET_STATUS_LABELS } from "./schema";

// A unit leaving the company for good (sold or scrapped: server/modules/depreciation records the
// money side). The inventory's part: the unit is locked, must be on a shelf, in a van or already
// written off (not at a customer's, not away for repair), and is written off the ledger where it
// is, so stock on hand drops by one in the same transaction as the disposal.

/** Locks the unit and takes it out of stock; a unit already retired only stays locked. */
export async function retireForDisposal(scope: Scope, assetId: string, reason: string) {
  await scope.tx.$queryRaw`SELECT id FROM "Asset" WHERE id = ${assetId} FOR UPDATE`;
  const unit = await scope.tx.asset.findUnique({ where: { id: assetId } });
  if (!unit) throw new NotFound("Unit");
  if (unit.status === "RETIRED") return unit;
  if (unit.status !== "IN_STOCK" && unit.status !== "FAULTY")
    throw new Conflict(
      `Unit ${unit.serial} is ${ASSET_STATUS_LABELS[unit.status].toLowerCase()}; bring it back into stock before disposing of it.`,
      { assetId: `${ASSET_STATUS_LABELS[unit.status]}.` },
    );
  await moveUnits(scope, [unit], { kind: "WRITE_OFF", fromLocationId: unit.locationId, toLocationId: null, reason });
  return unit;
}
