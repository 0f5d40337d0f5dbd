import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { RetentionSettings } from "@/components/console/settings/retention-form";
import { PageHeader } from "@/components/layout/page-header";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Data retention" };

export default async function RetentionSettingsPage() {
  const { company, allowed } = await requireStaff("retention:manage");
  if (!allowed) return <NoAccess what="changing how long your company's records are kept" />;
  await prefetch(trpc.retention.get.queryOptions());
  return (
    <>
      <PageHeader
        title="Data retention"
        description="How long RADIUS sessions, daily usage, the audit log and sent e-mail are kept before they are deleted for good."
      />
      <HydrateClient>
        <RetentionSettings timeZone={company.timeZone} />
      </HydrateClient>
    </>
  );
}
