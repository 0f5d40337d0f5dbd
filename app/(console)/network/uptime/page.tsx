import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { UptimeView } from "@/components/console/outages/uptime-view";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Uptime & SLA" };

export default async function Page() {
  const { allowed, company } = await requireStaff("outages:read");
  if (!allowed) return <NoAccess what="uptime and SLA reports" />;
  return (
    <>
      <PageHeader
        title="Uptime & SLA"
        description="Uptime per device and per customer line from the outages, against each package's SLA, and the credits owed to business customers."
      />
      <Suspense>
        <UptimeView timeZone={company.timeZone} currency={company.currency} />
      </Suspense>
    </>
  );
}
