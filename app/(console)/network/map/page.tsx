import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { TopologyMap } from "@/components/console/network/topology-map";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Network map" };

export default async function NetworkMapPage() {
  const { allowed } = await requireStaff("devices:read");
  if (!allowed) return <NoAccess what="viewing the network map" />;
  return <TopologyMap />;
}
