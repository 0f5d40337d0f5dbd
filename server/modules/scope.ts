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

/** One company and who acts in it, without a transaction: for services that open their own. */
export interface Tenant {
  companyId: string;
  actor: Actor;
}

/** What every tenant service function receives: a transaction already scoped to one company. */
export interface Scope extends Tenant {
  tx: Tx;
}

export const systemActor: Actor = { type: "SYSTEM", label: "system" };
