import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { JobView } from "@/components/console/field/job-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed } = await requireStaff("work_orders:perform");
  if (!allowed) return <NoAccess what="field jobs" />;
  await prefetch(trpc.workOrders.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <JobView id={id} timeZone={company.timeZone} />
    </HydrateClient>
  );
}
