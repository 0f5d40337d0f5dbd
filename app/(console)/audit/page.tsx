import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditView } from "@/components/console/audit/audit-view";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { company, allowed } = await requireStaff("audit:read");
  if (!allowed) return <NoAccess what="reading the audit log" />;
  return (
    <Suspense>
      <AuditView timeZone={company.timeZone} />
    </Suspense>
  );
}
