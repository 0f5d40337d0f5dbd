import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { firstName } from "@/components/console/format";
import { MyJobsView } from "@/components/console/field/my-jobs-view";

export const metadata: Metadata = { title: "My jobs" };

export default async function MyJobsPage() {
  const { company, viewer, allowed } = await requireStaff("work_orders:perform");
  if (!allowed) return <NoAccess what="field jobs" />;
  return <MyJobsView timeZone={company.timeZone} firstName={firstName(viewer.name)} />;
}
