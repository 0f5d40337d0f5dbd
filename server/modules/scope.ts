import type { ActorType } from "../db/generated/prisma/enums";
import type { Tx } from "../db/tenant";

/** Who is acting and from where: recorded in every audit entry. */
export interface Actor {
  type: ActorType;
  id?: string | null;
  label?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/** What every tenant service function receives: a transaction already scoped to one company. */
export interface Scope {
  tx: Tx;
  companyId: string;
  actor: Actor;
}

export const systemActor: Actor = { type: "SYSTEM", label: "system" };
