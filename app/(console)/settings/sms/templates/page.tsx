import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { SmsTemplatesView } from "@/components/console/sms/templates-view";
import { PageHeader } from "@/components/layout/page-header";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "SMS templates" };

export default async function SmsTemplatesPage() {
  const { allowed } = await requireStaff("sms:manage");
  if (!allowed) return <NoAccess what="editing the SMS templates" />;
  await prefetch(trpc.sms.templates.list.queryOptions());
  return (
    <>
      <PageHeader
        title="SMS templates"
        description="The words of each SMS your customers get. Placeholders in {{double braces}} are filled in when the message is sent; a template you never edit uses the default text."
      />
      <HydrateClient>
        <SmsTemplatesView />
      </HydrateClient>
    </>
  );
}
