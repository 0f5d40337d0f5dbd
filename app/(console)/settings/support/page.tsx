import type { Metadata } from "next";
import { localeOptions } from "@/components/console/locale-options";
import { NoAccess } from "@/components/console/no-access";
import { SupportSettingsView } from "@/components/console/support-settings/support-settings";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Support & SLA" };

export default async function SupportSettingsPage() {
  const { allowed } = await requireStaff("support_settings:manage");
  if (!allowed) return <NoAccess what="changing SLA targets, business hours and escalation rules" />;
  return (
    <>
      <PageHeader
        title="Support & SLA"
        description="How quickly tickets must be answered and resolved, when your desk is open, and what happens when a ticket runs late."
      />
      <SupportSettingsView timeZones={localeOptions().timeZones} />
    </>
  );
}
