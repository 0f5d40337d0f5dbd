"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable, ListBody, type Columns } from "../data-list";
import { formatDate } from "../format";
import { formatMoney, formatSpeed } from "../packages/format";
import type { RouterOutputs } from "../types";
import { AddSubscriptionDialog } from "./add-subscription-dialog";
import { ProvisioningBadge, SubscriptionStatusBadge } from "./badges";
import { PasswordDialog } from "./password-dialog";
import type { NetworkPermissions } from "./network-dialog";
import { SubscriptionActions } from "./subscription-actions";
import { todayIn } from "@/server/modules/subscriptions/dates";

type Row = RouterOutputs["subscriptions"]["forCustomer"][number];

export type CustomerSubscriptionsProps = {
  customerId: string;
  canManage: boolean;
  canActivate: boolean;
  network?: NetworkPermissions;
};

/** A customer's subscriptions with their state on the network, for the customer page. */
export function CustomerSubscriptions({ customerId, canManage, canActivate, network }: CustomerSubscriptionsProps) {
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
  const columns: Columns<Row> = [
    {
      label: "Package",
      cell: (s) => (
        <>
          <div className="font-medium">{s.package.name}</div>
          <div className="text-xs text-muted-foreground">
            {formatSpeed(s.package.downloadKbps, s.package.uploadKbps)} · {formatMoney(s.package.priceMinor, currency)}
            {s.quantity > 1 ? ` × ${s.quantity}` : ""}
          </div>
        </>
      ),
    },
    { label: "Status", cell: (s) => <SubscriptionStatusBadge status={s.status} /> },
    {
      label: "PPPoE login",
      className: "hidden md:table-cell",
      cellClassName: "font-mono text-sm",
      cell: (s) => (
        <>
          {s.pppoeUsername ?? <span className="font-sans text-muted-foreground">Vouchers</span>}
          {s.staticIp ? <div className="text-xs text-muted-foreground">{s.staticIp}</div> : null}
        </>
      ),
    },
    {
      label: "Network",
      className: "hidden lg:table-cell",
      cell: (s) => <ProvisioningBadge state={s.provisioning} error={s.provisioningError} />,
    },
    {
      label: "Started",
      className: "hidden sm:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (s) => formatDate(s.startDate, "UTC"),
    },
    {
      label: "Actions",
      hideLabel: true,
      className: "w-12",
      cellClassName: "text-right",
      cell: (s) => <SubscriptionActions sub={s} canManage={canManage} canActivate={canActivate} network={network} />,
    },
  ];

  return (
    <Card>
      <CardHeader className="flex flex-row items-start justify-between gap-4">
        <div className="space-y-1">
          <CardTitle>Subscriptions</CardTitle>
          <CardDescription>Packages this customer is subscribed to, and their state on the network.</CardDescription>
        </div>
        {canManage && company.data ? (
          <AddSubscriptionDialog
            customerId={customerId}
            currency={currency}
            today={todayIn(timeZone)}
            onCreated={setLogin}
          />
        ) : null}
      </CardHeader>
      <CardContent className="p-0">
        <ListBody
          query={subs}
          rows={subs.data}
          errorTitle="Could not load subscriptions"
          skeleton={{ label: "Loading subscriptions", rows: 2 }}
          empty={{
            icon: <Cable />,
            title: "No subscriptions yet",
            description: canManage
              ? "Add a subscription to sell this customer a package."
              : "Someone with permission to manage subscriptions can add one.",
          }}
        >
          {(rows) => <DataTable rows={rows} columns={columns} rowKey={(s) => s.id} />}
        </ListBody>
      </CardContent>
      <PasswordDialog login={login} onClose={() => setLogin(null)} />
    </Card>
  );
}
