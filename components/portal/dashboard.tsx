"use client";

import { useQuery } from "@tanstack/react-query";
import { Wifi } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/components/trpc/client";
import { formatDate } from "@/components/console/format";
import type { RouterOutputs } from "@/components/console/types";
import { formatMoney, formatSpeed } from "@/server/lib/money";
import { BillingCard } from "./billing/billing-card";
import { PayBalance } from "./payments/pay-now-dialog";
import { PaymentHistoryPreview } from "./payments/payment-history";
import { ChangeRequestDialog } from "./change-request-dialog";
import { OverdueCard } from "./overdue-card";
import { SupportCard } from "./support/support-card";
import { UsageChart } from "./usage-chart";
import { WalletCard } from "./wallet-card";

const STATUS: Record<string, { label: string; variant: "success" | "warning" | "secondary" | "destructive" }> = {
  ACTIVE: { label: "Active", variant: "success" },
  PENDING: { label: "Being set up", variant: "warning" },
  SUSPENDED: { label: "Suspended", variant: "destructive" },
  TERMINATED: { label: "Ended", variant: "secondary" },
};
const REQUEST: Record<string, string> = {
  NEW_SERVICE: "New service",
  UPGRADE: "Upgrade",
  DOWNGRADE: "Downgrade",
  RELOCATION: "Move",
  TERMINATION: "Cancellation",
};

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
  return `${bytes} B`;
}

type PortalRequest = RouterOutputs["portal"]["overview"]["requests"][number];

/** "Takes effect on 1 Dec 2026" / "Applied on 25 Nov 2026" for an approved change; null otherwise. */
function applyLine(r: PortalRequest, timeZone: string): string | null {
  switch (r.apply?.state) {
    case "waiting":
      // A calendar date (stored at UTC midnight), so shown in UTC to keep the day.
      return `Takes effect on ${formatDate(r.apply.on, "UTC")}`;
    case "applied":
      return `Applied on ${formatDate(r.apply.at, timeZone)}`;
    case "delayed":
      return "Delayed: our team is completing this change and will contact you if needed.";
    default:
      return null;
  }
}

export function PortalDashboard({
  companyName,
  currency,
  today,
  timeZone,
}: {
  companyName: string;
  currency: string;
  today: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.portal.overview.queryOptions());
  if (overview.isLoading) return <Spinner label="Loading your account" />;
  if (overview.error) return <p className="text-sm text-destructive">{overview.error.message}</p>;
  const { customer, services, requests, usage } = overview.data!;
  const live = services.filter((s) => s.status !== "TERMINATED");
  const used = usage.thisCycle.downloadBytes + usage.thisCycle.uploadBytes;

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">Account {customer.accountNo}</p>
      <OverdueCard companyName={companyName} currency={currency} today={today} />
      <Card>
        <CardHeader>
          <CardTitle>Your services</CardTitle>
          <CardDescription>Internet plans on your account.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          {live.length === 0 ? (
            <div className="flex flex-col items-center gap-2 rounded-lg border border-dashed px-4 py-8 text-center">
              <Wifi aria-hidden className="size-6 text-primary" />
              <p className="font-medium">Your services will appear here once {companyName} activates them.</p>
              {requests.some((r) => r.status === "PENDING") && (
                <p className="text-sm text-muted-foreground">
                  Your request is with the team; they will contact you to schedule the installation.
                </p>
              )}
            </div>
          ) : (
            live.map((s) => (
              <div key={s.id} className="rounded-lg border p-4" data-testid="portal-service">
                <div className="flex items-start justify-between gap-2">
                  <div>
                    <p className="font-medium">{s.package.name}</p>
                    <p className="text-sm text-muted-foreground">
                      {formatSpeed(s.package.downloadKbps, s.package.uploadKbps)} ·{" "}
                      {formatMoney(s.package.priceMinor, currency)}
                    </p>
                    {s.installationAddress && <p className="text-sm text-muted-foreground">{s.installationAddress}</p>}
                  </div>
                  <Badge variant={STATUS[s.status]?.variant ?? "secondary"}>
                    {STATUS[s.status]?.label ?? s.status}
                  </Badge>
                </div>
                <div className="mt-3">
                  <ChangeRequestDialog
                    subscriptionId={s.id}
                    currentPackageId={s.package.id}
                    today={today}
                    currency={currency}
                  />
                </div>
              </div>
            ))
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Data used this month</CardTitle>
          <CardDescription>
            {formatBytes(used)} · {formatBytes(usage.thisCycle.downloadBytes)} down,{" "}
            {formatBytes(usage.thisCycle.uploadBytes)} up
          </CardDescription>
        </CardHeader>
        <CardContent>
          {usage.daily.length === 0 ? (
            <p className="text-sm text-muted-foreground">Usage shows here once your connection is in use.</p>
          ) : (
            <UsageChart daily={usage.daily} />
          )}
        </CardContent>
      </Card>

      {requests.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>Your requests</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="divide-y" aria-label="Your requests">
              {requests.map((r) => (
                <li key={r.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    {REQUEST[r.kind] ?? r.kind}
                    {r.effectiveDate ? ` · from ${new Date(r.effectiveDate).toISOString().slice(0, 10)}` : ""}
                    {r.apply ? (
                      <span className="block text-xs text-muted-foreground">{applyLine(r, timeZone)}</span>
                    ) : null}
                  </span>
                  <Badge
                    variant={
                      r.status === "APPROVED" ? "success" : r.status === "REJECTED" ? "destructive" : "secondary"
                    }
                  >
                    {r.status.toLowerCase()}
                  </Badge>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      )}

      <WalletCard timeZone={timeZone} />

      <div className="grid gap-4 sm:grid-cols-2">
        <BillingCard
          companyName={companyName}
          pay={<PayBalance />}
          history={<PaymentHistoryPreview timeZone={timeZone} />}
        />
        <SupportCard companyName={companyName} />
      </div>
    </div>
  );
}
