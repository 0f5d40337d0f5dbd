import type { Metadata } from "next";
import { Suspense } from "react";
import { requireCustomer } from "@/server/auth/guards";
import { PortalInvoices } from "@/components/portal/billing/portal-invoices";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage() {
  await requireCustomer();
  return (
    <Suspense>
      <PortalInvoices />
    </Suspense>
  );
}
