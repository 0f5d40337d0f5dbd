import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { Role } from "@/server/db/generated/prisma/enums";

// Types of what procedures return, for client components (type-only: nothing server-side is bundled).
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type UserRow = RouterOutputs["users"]["list"]["rows"][number];
export type InvitationRow = RouterOutputs["users"]["invitations"][number];
export type AuditRow = RouterOutputs["audit"]["list"]["rows"][number];
export type OutboxRow = RouterOutputs["outbox"]["list"]["rows"][number];
export type SessionRow = RouterOutputs["auth"]["account"]["sessions"][number];
export type { Role };

export interface RoleOption {
  value: Role;
  label: string;
  /** Must enrol two-factor authentication. */
  twoFactor: boolean;
}
