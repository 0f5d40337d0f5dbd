import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { OutboxView } from "@/components/console/outbox/outbox-view";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage() {
  const { company, allowed } = await requireStaff("outbox:read");
  if (!allowed) return <NoAccess what="reading sent e-mail" />;
  return (
    <Suspense>
      <OutboxView timeZone={company.timeZone} />
    </Suspense>
  );
}
