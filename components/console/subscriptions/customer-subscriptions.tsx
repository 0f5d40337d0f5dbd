"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import { formatMoney, formatSpeed } from "../packages/format";
import { AddSubscriptionDialog } from "./add-subscription-dialog";
import { ProvisioningBadge, SubscriptionStatusBadge } from "./badges";
import { PasswordDialog } from "./password-dialog";
import { SubscriptionActions } from "./subscription-actions";

export type CustomerSubscriptionsProps = { customerId: string; canManage: boolean; canActivate: boolean };

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** A customer's subscriptions with their state on the network, for the customer page. */
export function CustomerSubscriptions({ customerId, canManage, canActivate }: CustomerSubscriptionsProps) {
  const trpc = useTRPC();
  const company = useQuery(trpc.companies.current.queryOptions());
  const subs = useQuery(
    trpc.subscriptions.forCustomer.queryOptions(
      { customerId },
      // While a login is being written, look again until the outcome is in.
      { refetchInterval: (q) => (q.state.data?.some((s) => s.provisioning === "IN_PROGRESS") ? 2000 : false) },
    ),
  );
  const [login, setLogin] = React.useState<{ username: string; password: string } | null>(null);
  const currency = company.data?.currency ?? "USD";
  const timeZone = company.data?.timeZone ?? "UTC";

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1">
          <CardTitle>Subscriptions</CardTitle>
          <CardDescription>Packages this customer is subscribed to, and their state on the network.</CardDescription>
        </div>
        {canManage && company.data ? <AddSubscriptionDialog customerId={customerId} currency={currency} today={todayIn(timeZone)} onCreated={setLogin} /> : null}
      </CardHeader>
      <CardContent className="p-0">
        {subs.isError ? (
          <div className="p-4">
            <QueryError title="Could not load subscriptions" error={subs.error} onRetry={() => subs.refetch()} />
          </div>
        ) : !subs.data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading subscriptions">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : subs.data.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Cable />}
              title="No subscriptions yet"
              description={canManage ? "Add a subscription to sell this customer a package." : "Someone with permission to manage subscriptions can add one."}
            />
          </div>
        ) : (
          <Table>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead className="pl-4">Package</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden md:table-cell">PPPoE login</TableHead>
                <TableHead className="hidden lg:table-cell">Network</TableHead>
                <TableHead className="hidden sm:table-cell">Started</TableHead>
                <TableHead className="w-12 pr-4">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {subs.data.map((s) => (
                <TableRow key={s.id}>
                  <TableCell className="pl-4">
                    <div className="font-medium">{s.package.name}</div>
                    <div className="text-xs text-muted-foreground">
                      {formatSpeed(s.package.downloadKbps, s.package.uploadKbps)} · {formatMoney(s.package.priceMinor, currency)}
                      {s.quantity > 1 ? ` × ${s.quantity}` : ""}
                    </div>
                  </TableCell>
                  <TableCell>
                    <SubscriptionStatusBadge status={s.status} />
                  </TableCell>
                  <TableCell className="hidden font-mono text-sm md:table-cell">
                    {s.pppoeUsername ?? <span className="font-sans text-muted-foreground">Vouchers</span>}
                    {s.staticIp ? <div className="text-xs text-muted-foreground">{s.staticIp}</div> : null}
                  </TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <ProvisioningBadge state={s.provisioning} error={s.provisioningError} />
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">{formatDate(s.startDate, "UTC")}</TableCell>
                  <TableCell className="pr-4 text-right">
                    <SubscriptionActions sub={s} canManage={canManage} canActivate={canActivate} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <PasswordDialog login={login} onClose={() => setLogin(null)} />
    </Card>
  );
}
