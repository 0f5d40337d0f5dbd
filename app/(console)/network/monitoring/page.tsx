import type { Metadata } from "next";
import { Suspense } from "react";
import { MonitoringDashboard } from "@/components/console/monitoring/monitoring-dashboard";
import { NoAccess } from "@/components/console/no-access";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Monitoring" };

export default async function Page() {
  const { allowed, company } = await requireStaff("monitoring:read");
  if (!allowed) return <NoAccess what="the monitoring dashboards" />;
  return (
    <>
      <PageHeader
        title="Monitoring"
        description={`Bandwidth and its peak hours, sessions online, top users, devices up and down with latency and loss, and uplink capacity. Times in ${company.timeZone}.`}
      />
      <Suspense>
        <MonitoringDashboard timeZone={company.timeZone} />
      </Suspense>
    </>
  );
}
