"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { SUBSCRIPTION_STATUSES } from "@/server/modules/subscriptions/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { PACKAGE_FILTER_INPUT, subscriptionsListInput } from "./list-query";
import { formatDate } from "../format";
import { formatSpeed } from "../packages/format";
import type { RouterOutputs } from "../types";
import { ProvisioningBadge, SUBSCRIPTION_STATUS_LABELS, SubscriptionStatusBadge } from "./badges";
import type { NetworkPermissions } from "./network-dialog";
import { SubscriptionActions } from "./subscription-actions";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Row = RouterOutputs["subscriptions"]["list"]["rows"][number];

type CustomerRef = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
  accountNumber: number;
};

export function customerName(c: Omit<CustomerRef, "id">) {
  return c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || formatAccountNumber(c.accountNumber);
}

/** A list cell: the customer's name, linking to their page, over the account number. */
export function CustomerCell({ customer }: { customer: CustomerRef }) {
  return (
    <>
      <Link className="font-medium hover:underline" href={`/customers/${customer.id}`}>
        {customerName(customer)}
      </Link>
      <div className="text-xs text-muted-foreground">{formatAccountNumber(customer.accountNumber)}</div>
    </>
  );
}

export function SubscriptionsView({
  canManage,
  canActivate,
  canReadPackages,
  network,
}: {
  canManage: boolean;
  canActivate: boolean;
  canReadPackages: boolean;
  network?: NetworkPermissions;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "package"]);
  const input = subscriptionsListInput(list);
  const { status, packageId } = input;
  const packages = useQuery(trpc.packages.list.queryOptions(PACKAGE_FILTER_INPUT, { enabled: canReadPackages }));
  const query = useQuery(trpc.subscriptions.list.queryOptions(input, { placeholderData: keepPreviousData }));

  const columns: Columns<Row> = [
    { label: "Customer", cell: (s) => <CustomerCell customer={s.customer} /> },
    {
      label: "Package",
      cell: (s) => (
        <>
          <div>{s.package.name}</div>
          <div className="text-xs text-muted-foreground">
            {formatSpeed(s.package.downloadKbps, s.package.uploadKbps)}
          </div>
        </>
      ),
    },
    { label: "Status", cell: (s) => <SubscriptionStatusBadge status={s.status} /> },
    {
      label: "PPPoE login",
      className: "hidden md:table-cell",
      cellClassName: "font-mono text-sm",
      cell: (s) => s.pppoeUsername ?? "—",
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
    <>
      <PageHeader
        title="Subscriptions"
        description="Every subscriber's service: its package, status, PPPoE login and state on the network. Add subscriptions from the customer's page."
      />
      <DataList
        query={query}
        data={query.data}
        noun={["subscription", "subscriptions"]}
        toolbar={
          <ListToolbar className="flex flex-col gap-3 lg:flex-row lg:items-end">
            <SearchBox
              id="subs-search"
              label="Search"
              placeholder="PPPoE username, static IP or customer"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="subs-status"
              label="Status"
              allLabel="All statuses"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(SUBSCRIPTION_STATUSES, SUBSCRIPTION_STATUS_LABELS)}
              className="lg:w-44"
            />
            {canReadPackages ? (
              <FilterSelect
                id="subs-package"
                label="Package"
                allLabel="All packages"
                value={packageId}
                onChange={(v) => list.setFilter({ package: v })}
                options={(packages.data?.rows ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.name}${p.archivedAt ? " (archived)" : ""}`,
                }))}
                className="lg:w-56"
              />
            ) : null}
          </ListToolbar>
        }
        columns={columns}
        rowKey={(s) => s.id}
        empty={{
          icon: <Cable />,
          title: "No subscriptions yet",
          description: "Open a customer and add a subscription to sell them a package.",
          action: (
            <Button asChild variant="outline">
              <Link href="/customers">Go to customers</Link>
            </Button>
          ),
        }}
        noMatch={
          list.filtered && {
            title: "No subscriptions match your filters",
            description: "Try another search or show all statuses.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}
