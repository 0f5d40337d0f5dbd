import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { SupportReport } from "@/components/console/support-reports/support-report";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/server/auth/guards";
import { localDate } from "@/server/modules/sla/clock";

export const metadata: Metadata = { title: "Support reports" };

export default async function SupportReportsPage() {
  const { company, allowed } = await requireStaff("reports:support");
  if (!allowed) return <NoAccess what="support performance reports" />;
  return (
    <>
      <PageHeader
        title="Support reports"
        description={`SLA compliance, response and resolution times, workload and satisfaction. Dates are days in ${company.timeZone}.`}
      />
      <SupportReport today={localDate(new Date(), company.timeZone)} />
    </>
  );
}
