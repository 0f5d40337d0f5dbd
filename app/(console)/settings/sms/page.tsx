import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { SmsSettingsView } from "@/components/console/sms/settings-view";
import { PageHeader } from "@/components/layout/page-header";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "SMS" };

export default async function SmsSettingsPage() {
  const { allowed } = await requireStaff("sms:manage");
  if (!allowed) return <NoAccess what="changing the SMS settings" />;
  await prefetch(trpc.sms.settings.get.queryOptions());
  return (
    <>
      <PageHeader
        title="SMS"
        description="Invoices, receipts, payment reminders, service and data notices reach your customers by SMS through your own Africa's Talking or Twilio account."
      />
      <HydrateClient>
        <SmsSettingsView />
      </HydrateClient>
    </>
  );
}
