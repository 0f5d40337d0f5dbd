import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { KbView } from "@/components/console/kb/kb-view";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function KbPage() {
  const { company, allowed, can } = await requireStaff("kb:read");
  if (!allowed) return <NoAccess what="the knowledge base" />;
  return (
    <Suspense>
      <KbView timeZone={company.timeZone} canManage={can("kb:manage")} />
    </Suspense>
  );
}
