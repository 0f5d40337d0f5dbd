import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import type { RoleOption } from "@/components/console/types";
import { UsersView } from "@/components/console/users/users-view";
import { ROLE_LABELS, STAFF_ROLES, TWO_FACTOR_REQUIRED_ROLES } from "@/server/auth/permissions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { company, viewer, allowed, can } = await requireStaff("users:read");
  if (!allowed) return <NoAccess what="viewing users" />;
  const roles: RoleOption[] = [...STAFF_ROLES, "CUSTOMER" as const].map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
    twoFactor: TWO_FACTOR_REQUIRED_ROLES.includes(r),
  }));
  return (
    <Suspense>
      <UsersView
        timeZone={company.timeZone}
        viewerId={viewer.userId}
        roles={roles}
        canInvite={can("users:invite")}
        canUpdate={can("users:update")}
        canReadOutbox={can("outbox:read")}
      />
    </Suspense>
  );
}
