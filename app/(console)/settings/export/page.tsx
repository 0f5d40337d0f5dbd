import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { CompanyExportCard } from "@/components/console/settings/company-export-card";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Company data export" };

export default async function CompanyExportPage() {
  const { allowed } = await requireStaff("company:export");
  if (!allowed) return <NoAccess what="exporting all of your company's data" />;
  return (
    <>
      <PageHeader
        title="Company data export"
        description="Everything your company keeps in Lastmile, as one ZIP of CSV files: for your own records, or to take with you."
      />
      <CompanyExportCard />
    </>
  );
}
