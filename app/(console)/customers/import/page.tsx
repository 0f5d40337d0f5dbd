import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { ImportView } from "@/components/console/customers/import-view";

export const metadata: Metadata = { title: "Import customers" };

export default async function ImportCustomersPage() {
  const { allowed } = await requireStaff("customers:import");
  if (!allowed) return <NoAccess what="importing customers" />;
  return <ImportView />;
}
