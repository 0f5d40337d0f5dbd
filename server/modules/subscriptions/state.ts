import type { SubscriptionStatus } from "../../db/generated/prisma/enums";
import { Conflict } from "../../lib/errors";

// The subscription state machine, in one place. Every status change goes through transitionFor().

export const TRANSITIONS = {
  activate: { from: ["PENDING"], to: "ACTIVE", verb: "activated" },
  suspend: { from: ["ACTIVE"], to: "SUSPENDED", verb: "suspended" },
  resume: { from: ["SUSPENDED"], to: "ACTIVE", verb: "resumed" },
  terminate: { from: ["PENDING", "ACTIVE", "SUSPENDED"], to: "TERMINATED", verb: "terminated" },
} as const satisfies Record<string, { from: readonly SubscriptionStatus[]; to: SubscriptionStatus; verb: string }>;

export type TransitionAction = keyof typeof TRANSITIONS;

/** Actions that must say why (kept in the subscriber's history). */
export const REASON_REQUIRED: readonly TransitionAction[] = ["suspend", "terminate"];

const ARTICLE: Record<SubscriptionStatus, string> = {
  PENDING: "A pending",
  ACTIVE: "An active",
  SUSPENDED: "A suspended",
  TERMINATED: "A terminated",
};

/** The status after `action`, or a CONFLICT saying why it is not possible from `current`. */
export function transitionFor(current: SubscriptionStatus, action: TransitionAction): SubscriptionStatus {
  const t = TRANSITIONS[action];
  if (!(t.from as readonly SubscriptionStatus[]).includes(current)) {
    throw new Conflict(`${ARTICLE[current]} subscription cannot be ${t.verb}.`);
  }
  return t.to;
}
