import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { listParams, type PageSearchParams } from "@/components/console/data-list/list-params";
import { smsLogInput } from "@/components/console/sms/list-query";
import { SmsLogView } from "@/components/console/sms/log-view";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "SMS log" };

export default async function SmsLogPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { company, allowed, can } = await requireStaff("sms:read");
  if (!allowed) return <NoAccess what="reading the SMS log" />;
  await prefetch(
    trpc.sms.log.list.queryOptions(smsLogInput(listParams(await searchParams))),
    trpc.sms.log.status.queryOptions(),
  );
  return (
    <HydrateClient>
      <Suspense>
        <SmsLogView timeZone={company.timeZone} canManage={can("sms:manage")} />
      </Suspense>
    </HydrateClient>
  );
}
