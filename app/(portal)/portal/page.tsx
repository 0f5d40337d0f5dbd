import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ChevronRight, KeyRound } from "lucide-react";
import { firstName } from "@/components/console/format";
import { requireCustomer } from "@/server/auth/guards";
import { PortalDashboard } from "@/components/portal/dashboard";
import { PortalDataUsage } from "@/components/portal/data-usage-card";
import { OutageBanner } from "@/components/portal/outage-banner";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";
import { PaymentReturn } from "@/components/portal/payments/payment-waiting";
import { todayIn } from "@/server/modules/subscriptions/dates";

export const metadata: Metadata = { title: "Your account" };

export default async function PortalHome() {
  const { company, viewer } = await requireCustomer();
  await Promise.all([
    prefetch(trpc.dataCaps.portal.usage.queryOptions()),
    prefetch(trpc.outages.portal.current.queryOptions()),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Hello, {firstName(viewer.name)}</h1>
        <p className="text-sm text-muted-foreground">
          Signed in to {company.name} as <span className="font-medium break-words text-foreground">{viewer.email}</span>
        </p>
      </div>

      <HydrateClient>
        <OutageBanner />
      </HydrateClient>

      <Suspense>
        <PaymentReturn />
      </Suspense>

      <PortalDashboard
        companyName={company.name}
        currency={company.currency}
        today={todayIn(company.timeZone)}
        timeZone={company.timeZone}
      />

      <HydrateClient>
        <PortalDataUsage currency={company.currency} />
      </HydrateClient>

      <Link
        href="/portal/account"
        className="flex items-center gap-4 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
      >
        <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted text-muted-foreground">
          <KeyRound aria-hidden className="size-5" />
        </span>
        <span className="min-w-0 flex-1">
          <span className="block font-medium">Account settings</span>
          <span className="block text-sm text-muted-foreground">
            Password, signed-in devices and two-factor authentication
          </span>
        </span>
        <ChevronRight aria-hidden className="size-5 text-muted-foreground" />
      </Link>
    </div>
  );
}
