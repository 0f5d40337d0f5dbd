"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Cable, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { SUBSCRIPTION_STATUSES } from "@/server/modules/subscriptions/schema";
import { QueryError } from "../errors";
import { formatDate } from "../format";
import { formatSpeed } from "../packages/format";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";
import { ProvisioningBadge, SUBSCRIPTION_STATUS_LABELS, SubscriptionStatusBadge } from "./badges";
import { SubscriptionActions } from "./subscription-actions";

const PAGE_SIZE = 25;
type Status = (typeof SUBSCRIPTION_STATUSES)[number];

export function customerName(c: { firstName: string | null; lastName: string | null; businessName: string | null; accountNumber: number }) {
  return c.businessName || [c.firstName, c.lastName].filter(Boolean).join(" ") || `Account ${c.accountNumber}`;
}

export function SubscriptionsView({ canManage, canActivate, canReadPackages }: { canManage: boolean; canActivate: boolean; canReadPackages: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const search = url.get("q") ?? "";
  const statusParam = url.get("status");
  const status = SUBSCRIPTION_STATUSES.includes(statusParam as Status) ? (statusParam as Status) : undefined;
  const packageId = url.get("package") || undefined;
  const commitSearch = React.useCallback((q: string) => url.set({ q: q.trim() || undefined, page: undefined }), [url]);
  const [searchText, setSearchText] = useDebouncedInput(search, commitSearch);
  const packages = useQuery(trpc.packages.list.queryOptions({ archived: "all", pageSize: 100 }, { enabled: canReadPackages }));
  const query = useQuery(trpc.subscriptions.list.queryOptions({ page, pageSize: PAGE_SIZE, status, packageId, search: search || undefined }, { placeholderData: keepPreviousData }));
  const data = query.data;
  const filtered = !!search || !!status || !!packageId;
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader title="Subscriptions" description="Every subscriber's service: its package, status, PPPoE login and state on the network. Add subscriptions from the customer's page." />
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b p-4 lg:flex-row lg:items-end">
          <div className="grid flex-1 gap-2">
            <Label htmlFor="subs-search">Search</Label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input id="subs-search" type="search" placeholder="PPPoE username, static IP or customer" className="pl-9" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </div>
          </div>
          <div className="grid gap-2 lg:w-44">
            <Label htmlFor="subs-status">Status</Label>
            <NativeSelect id="subs-status" value={status ?? ""} onChange={(e) => url.set({ status: e.target.value || undefined, page: undefined })}>
              <option value="">All statuses</option>
              {SUBSCRIPTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {SUBSCRIPTION_STATUS_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          </div>
          {canReadPackages ? (
            <div className="grid gap-2 lg:w-56">
              <Label htmlFor="subs-package">Package</Label>
              <NativeSelect id="subs-package" value={packageId ?? ""} onChange={(e) => url.set({ package: e.target.value || undefined, page: undefined })}>
                <option value="">All packages</option>
                {packages.data?.rows.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.archivedAt ? " (archived)" : ""}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ) : null}
        </div>
        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load subscriptions" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading subscriptions">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Cable />}
              title={filtered ? "No subscriptions match your filters" : "No subscriptions yet"}
              description={filtered ? "Try another search or show all statuses." : "Open a customer and add a subscription to sell them a package."}
              action={
                filtered ? (
                  <Button variant="outline" onClick={() => url.set({ q: undefined, status: undefined, package: undefined, page: undefined })}>
                    Clear filters
                  </Button>
                ) : (
                  <Button asChild variant="outline">
                    <Link href="/customers">Go to customers</Link>
                  </Button>
                )
              }
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-4">Customer</TableHead>
                  <TableHead>Package</TableHead>
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
                {data.rows.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell className="pl-4">
                      <Link className="font-medium hover:underline" href={`/customers/${s.customer.id}`}>
                        {customerName(s.customer)}
                      </Link>
                      <div className="text-xs text-muted-foreground">Account {s.customer.accountNumber}</div>
                    </TableCell>
                    <TableCell>
                      <div>{s.package.name}</div>
                      <div className="text-xs text-muted-foreground">{formatSpeed(s.package.downloadKbps, s.package.uploadKbps)}</div>
                    </TableCell>
                    <TableCell>
                      <SubscriptionStatusBadge status={s.status} />
                    </TableCell>
                    <TableCell className="hidden font-mono text-sm md:table-cell">{s.pppoeUsername ?? "—"}</TableCell>
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
          </div>
        )}
        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 subscription" : `Showing ${first}–${last} of ${data.total} subscriptions`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} /> : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}
