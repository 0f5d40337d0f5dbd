"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Contact, Download, Plus, Search, Upload } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
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
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { CUSTOMER_SORTS, CUSTOMER_STATUSES, CUSTOMER_TYPES, STATUS_LABELS, TYPE_LABELS } from "@/server/modules/customers/schema";
import { errorMessage, QueryError } from "../errors";
import { formatDate } from "../format";
import { SortableHead, type SortDirection } from "../sortable-head";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";
import { CustomerFormDialog } from "./customer-form-dialog";
import { CustomerStatusBadge } from "./status-badge";

type Sort = (typeof CUSTOMER_SORTS)[number];
type Status = (typeof CUSTOMER_STATUSES)[number];
type Type = (typeof CUSTOMER_TYPES)[number];
const PAGE_SIZE = 25;

export type CustomersViewProps = { timeZone: string; canCreate: boolean; canImport: boolean; canExport: boolean };

export function CustomersView({ timeZone, canCreate, canImport, canExport }: CustomersViewProps) {
  const trpc = useTRPC();
  const url = useUrlState();
  const toast = useToast();
  const queryClient = useQueryClient();
  const page = pageFrom(url.get("page"));
  const search = url.get("q") ?? "";
  const status = CUSTOMER_STATUSES.includes(url.get("status") as Status) ? (url.get("status") as Status) : undefined;
  const type = CUSTOMER_TYPES.includes(url.get("type") as Type) ? (url.get("type") as Type) : undefined;
  const tag = url.get("tag") || undefined;
  const sort: Sort = CUSTOMER_SORTS.includes(url.get("sort") as Sort) ? (url.get("sort") as Sort) : "createdAt";
  const direction: SortDirection = url.get("dir") === "asc" ? "asc" : url.get("dir") === "desc" ? "desc" : sort === "createdAt" ? "desc" : "asc";
  const filters = { search: search || undefined, status, type, tag, sort, direction };

  const commitSearch = React.useCallback((q: string) => url.set({ q: q.trim() || undefined, page: undefined }), [url]);
  const [searchText, setSearchText] = useDebouncedInput(search, commitSearch);
  const query = useQuery(trpc.customers.list.queryOptions({ ...filters, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }));
  const tags = useQuery(trpc.customers.tags.queryOptions());
  const data = query.data;
  const filtered = !!search || !!status || !!type || !!tag;
  const [creating, setCreating] = React.useState(false);
  const [exporting, setExporting] = React.useState(false);

  const onSort = (column: Sort, dir: SortDirection) => url.set({ sort: column === "createdAt" ? undefined : column, dir, page: undefined });
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  async function exportCsv() {
    setExporting(true);
    try {
      const file = await queryClient.fetchQuery(trpc.customers.exportCsv.queryOptions(filters, { staleTime: 0 }));
      const href = URL.createObjectURL(new Blob([file.csv], { type: "text/csv;charset=utf-8" }));
      const a = Object.assign(document.createElement("a"), { href, download: file.filename });
      a.click();
      URL.revokeObjectURL(href);
      toast({ variant: "success", title: `Exported ${file.rows} customer${file.rows === 1 ? "" : "s"}` });
    } catch (err) {
      toast({ variant: "destructive", title: "Could not export", description: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Customers"
        description="Your subscribers: search by name, account number, phone, e-mail or address."
        actions={
          <>
            {canExport ? (
              <Button variant="outline" onClick={exportCsv} disabled={exporting || !data?.total}>
                {exporting ? <Spinner className="text-current" label="Exporting" /> : <Download aria-hidden />}
                Export CSV
              </Button>
            ) : null}
            {canImport ? (
              <Button variant="outline" asChild>
                <Link href="/customers/import">
                  <Upload aria-hidden />
                  Import CSV
                </Link>
              </Button>
            ) : null}
            {canCreate ? (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden />
                New customer
              </Button>
            ) : null}
          </>
        }
      />

      <Card className="overflow-hidden">
        <div className="grid gap-3 border-b p-4 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_10rem_10rem]">
          <div className="grid gap-2">
            <Label htmlFor="customers-search">Search customers</Label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input id="customers-search" type="search" placeholder="Name, ACC-000042, phone, e-mail or address" className="pl-9" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </div>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="customers-status">Status</Label>
            <NativeSelect id="customers-status" value={status ?? ""} onChange={(e) => url.set({ status: e.target.value || undefined, page: undefined })}>
              <option value="">All statuses</option>
              {CUSTOMER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="customers-type">Type</Label>
            <NativeSelect id="customers-type" value={type ?? ""} onChange={(e) => url.set({ type: e.target.value || undefined, page: undefined })}>
              <option value="">All types</option>
              {CUSTOMER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABELS[t]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="customers-tag">Tag</Label>
            <NativeSelect id="customers-tag" value={tag ?? ""} onChange={(e) => url.set({ tag: e.target.value || undefined, page: undefined })}>
              <option value="">All tags</option>
              {(tags.data ?? []).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </NativeSelect>
          </div>
        </div>

        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load customers" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <ListSkeleton />
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Contact />}
              title={filtered ? "No customers match" : "No customers yet"}
              description={
                filtered
                  ? "Try part of the name, the account number or the phone number, or clear the filters."
                  : canCreate
                    ? "Add your first customer, import your existing ones from a CSV file, or convert a won lead."
                    : "Customers appear here once your colleagues register them."
              }
              action={
                filtered ? (
                  <Button variant="outline" onClick={() => url.set({ q: undefined, status: undefined, type: undefined, tag: undefined, page: undefined })}>
                    Clear filters
                  </Button>
                ) : canCreate ? (
                  <Button onClick={() => setCreating(true)}>
                    <Plus aria-hidden />
                    New customer
                  </Button>
                ) : null
              }
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <SortableHead column="accountNumber" label="Account" sort={sort} direction={direction} onSort={onSort} className="pl-4" />
                  <SortableHead column="name" label="Name" sort={sort} direction={direction} onSort={onSort} />
                  <TableHead className="hidden md:table-cell">Contact</TableHead>
                  <TableHead className="hidden xl:table-cell">Service address</TableHead>
                  <SortableHead column="status" label="Status" sort={sort} direction={direction} onSort={onSort} />
                  <SortableHead column="createdAt" label="Added" sort={sort} direction={direction} onSort={onSort} defaultDirection="desc" className="hidden pr-4 lg:table-cell" />
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="pl-4 font-mono text-xs whitespace-nowrap">
                      <Link href={`/customers/${c.id}`} className="text-primary underline-offset-4 hover:underline">
                        {c.accountNo}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Link href={`/customers/${c.id}`} className="font-medium hover:underline">
                        {c.displayName}
                      </Link>
                      <div className="mt-1 flex flex-wrap gap-1">
                        {c.type === "BUSINESS" ? <Badge variant="secondary">Business</Badge> : null}
                        {c.tags.slice(0, 3).map((t) => (
                          <Badge key={t} variant="outline">
                            {t}
                          </Badge>
                        ))}
                      </div>
                    </TableCell>
                    <TableCell className="hidden text-sm text-muted-foreground md:table-cell">
                      <div>{c.phone ?? "—"}</div>
                      <div className="truncate">{c.email ?? ""}</div>
                    </TableCell>
                    <TableCell className="hidden max-w-64 truncate text-sm text-muted-foreground xl:table-cell">{c.serviceAddress ?? "—"}</TableCell>
                    <TableCell>
                      <CustomerStatusBadge status={c.status} />
                    </TableCell>
                    <TableCell className="hidden pr-4 whitespace-nowrap text-muted-foreground lg:table-cell">{formatDate(c.createdAt, timeZone)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}

        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 customer" : `Showing ${first}–${last} of ${data.total} customers`}
              {data.capped ? <span className="text-amber-700 dark:text-amber-400">· More customers match than a search lists: add to the search to narrow it.</span> : null}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} /> : null}
          </div>
        ) : null}
      </Card>

      {canCreate ? <CustomerFormDialog open={creating} onOpenChange={setCreating} customer={null} /> : null}
    </>
  );
}

function ListSkeleton() {
  return (
    <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading customers">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex items-center gap-4">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-48" />
          <Skeleton className="hidden h-4 w-40 md:block" />
          <Skeleton className="h-5 w-16" />
        </div>
      ))}
    </div>
  );
}
