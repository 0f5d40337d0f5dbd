import type { Metadata } from "next";
import { Suspense } from "react";
import { requireCustomer } from "@/server/auth/guards";
import { SupportList } from "@/components/portal/support/support-list";

export const metadata: Metadata = { title: "Support" };

export default async function SupportPage() {
  const { company } = await requireCustomer();
  return (
    <Suspense>
      <SupportList timeZone={company.timeZone} />
    </Suspense>
  );
}
