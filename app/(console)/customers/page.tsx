import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { CustomersView } from "@/components/console/customers/customers-view";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage() {
  const { company, allowed, can } = await requireStaff("customers:read");
  if (!allowed) return <NoAccess what="viewing customers" />;
  return (
    <Suspense>
      <CustomersView
        timeZone={company.timeZone}
        canCreate={can("customers:create")}
        canImport={can("customers:import")}
        canExport={can("customers:export")}
      />
    </Suspense>
  );
}
