import * as audit from "../audit/service";
import type { Scope } from "../scope";

// Changing a subscriber's live sessions on the NAS (RFC 5176): a CoA-Request with new reply
// attributes (the fair-use speed, or the full speed again) or a Disconnect-Request (the session
// re-authorizes and gets what authorize answers now: refused, captive, or restored). The NAS
// registry and the UDP sender are server/modules/nas's (branch nas-coa); this is the one place
// that calls it, so fair use and dunning never build packets themselves.

export interface LiveChange {
  subscriptionId: string;
  action: "disconnect" | "coa";
  /** Why, in words staff read on the subscription (and in the audit log). */
  reason: string;
  /** For a CoA: the reply attributes to apply to the session (e.g. Mikrotik-Rate-Limit). */
  attributes?: { attribute: string; value: string }[];
}

/**
 * Asks for the change within the caller's transaction: recorded (audit) with it, so a rolled-back
 * crossing or restore requests nothing. The nas module, once merged, sends it after commit with
 * retries and records the NAS's answer.
 */
export async function changeLiveSessions(scope: Scope, change: LiveChange): Promise<void> {
  await audit.record(scope, {
    action: "network.live_session_change",
    entityType: "Subscription",
    entityId: change.subscriptionId,
    after: { action: change.action, reason: change.reason, attributes: change.attributes ?? [] },
  });
}
