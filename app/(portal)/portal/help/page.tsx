import type { Metadata } from "next";
import { Suspense } from "react";
import { requireCustomer } from "@/server/auth/guards";
import { HelpCenter } from "@/components/portal/help/help-center";

export const metadata: Metadata = { title: "Help" };

export default async function HelpPage() {
  await requireCustomer();
  return (
    <Suspense>
      <HelpCenter />
    </Suspense>
  );
}
