import type { Metadata } from "next";
import { Suspense } from "react";
import { NoAccess } from "@/components/console/no-access";
import { ServiceRequestsView } from "@/components/console/service-requests/service-requests-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Service requests" };

export default async function ServiceRequestsPage() {
  const { company, allowed, can } = await requireStaff("service_requests:read");
  if (!allowed) return <NoAccess what="viewing service requests" />;
  return (
    <Suspense>
      <ServiceRequestsView
        currency={company.currency}
        timeZone={company.timeZone}
        canDecide={can("service_requests:decide")}
      />
    </Suspense>
  );
}
