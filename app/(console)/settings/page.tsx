import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { localeOptions } from "@/components/console/locale-options";
import { NoAccess } from "@/components/console/no-access";
import { CompanySettingsForm } from "@/components/console/settings/company-settings-form";
import { PageHeader } from "@/components/layout/page-header";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { allowed } = await requireStaff("company:update");
  if (!allowed) return <NoAccess what="changing company settings" />;
  return (
    <>
      <PageHeader
        title="Settings"
        description="How your company appears to staff and customers, and how money and time are shown."
      />
      <CompanySettingsForm options={localeOptions()} />
    </>
  );
}
