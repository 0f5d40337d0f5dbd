import type { CoaReason } from "../../db/generated/prisma/enums";
import type { RadiusRow } from "../provisioning/attributes";
import { changeLiveSessions as sendToNas } from "../nas/coa";
import type { Scope } from "../scope";

// Changing a subscriber's live sessions on the NAS (RFC 5176): a CoA-Request with new reply
// attributes (the fair-use speed, or the full speed again) or a Disconnect-Request (the session
// logs in again and gets what authorize answers now: refused, walled garden, or full service).
// The NAS registry and the UDP sender are server/modules/nas's; fair use and dunning's restore
// reach it through here only, with the reply rows they already have.

export interface LiveChange {
  subscriptionId: string;
  action: "disconnect" | "coa";
  /** Why, as the subscription's CoA history shows it. */
  reason: CoaReason;
  /** For a CoA: the reply attributes to apply to the session (e.g. Mikrotik-Rate-Limit). */
  attributes?: Pick<RadiusRow, "attribute" | "value">[];
}

/**
 * Records the change within the caller's transaction (one request per live session; none when
 * the subscriber is offline); the nas module sends it once that transaction has committed, with
 * retries, and records the NAS's answer. Returns how many sessions it asked about.
 */
export async function changeLiveSessions(scope: Scope, change: LiveChange): Promise<number> {
  const requests = await sendToNas(scope, {
    subscriptionId: change.subscriptionId,
    action: change.action,
    reason: change.reason,
    attributes: change.attributes?.map((a) => ({ name: a.attribute, value: a.value })),
  });
  return requests.length;
}
