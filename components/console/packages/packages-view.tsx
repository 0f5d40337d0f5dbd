"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Archive, ArchiveRestore, Ellipsis, Package, Pencil, Plus, Search, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
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
import { BILLING_CYCLE_LABELS, PACKAGE_TYPE_LABELS, PACKAGE_TYPES } from "@/server/modules/packages/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";
import { formatData, formatMoney, formatSpeed } from "./format";
import { PackageDialog, type PackageRow } from "./package-dialog";

const PAGE_SIZE = 25;
type TypeFilter = (typeof PACKAGE_TYPES)[number];
const TYPE_BADGE: Record<TypeFilter, "default" | "secondary" | "outline" | "warning"> = { HOTSPOT: "warning", PPPOE: "secondary", FIBER: "default", CORPORATE: "outline" };

export function PackagesView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const toast = useToast();
  const queryClient = useQueryClient();
  const page = pageFrom(url.get("page"));
  const search = url.get("q") ?? "";
  const typeParam = url.get("type");
  const type = PACKAGE_TYPES.includes(typeParam as TypeFilter) ? (typeParam as TypeFilter) : undefined;
  const visParam = url.get("visibility");
  const visibility = visParam === "PUBLIC" || visParam === "STAFF_ONLY" ? visParam : undefined;
  const archParam = url.get("archived");
  const archived = archParam === "archived" || archParam === "all" ? archParam : "active";
  const commitSearch = React.useCallback((q: string) => url.set({ q: q.trim() || undefined, page: undefined }), [url]);
  const [searchText, setSearchText] = useDebouncedInput(search, commitSearch);

  const query = useQuery(trpc.packages.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, type, visibility, archived }, { placeholderData: keepPreviousData }));
  const data = query.data;
  const filtered = !!search || !!type || !!visibility || archived !== "active";

  const [editing, setEditing] = React.useState<PackageRow | null>(null);
  const [dialogOpen, setDialogOpen] = React.useState(false);
  const [deleting, setDeleting] = React.useState<PackageRow | null>(null);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.packages.list.pathFilter());
  const archive = useMutation(
    trpc.packages.archive.mutationOptions({
      onSuccess: async (p) => {
        toast({ variant: "success", title: `${p.name} is archived`, description: "It can no longer be sold; existing subscribers keep it." });
        await refresh();
      },
      onError: (e) => toast({ variant: "destructive", title: "Could not archive the package", description: errorMessage(e) }),
    }),
  );
  const unarchive = useMutation(
    trpc.packages.unarchive.mutationOptions({
      onSuccess: async (p) => {
        toast({ variant: "success", title: `${p.name} is on sale again` });
        await refresh();
      },
      onError: (e) => toast({ variant: "destructive", title: "Could not restore the package", description: errorMessage(e) }),
    }),
  );
  const remove = useMutation(
    trpc.packages.delete.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: `${deleting?.name ?? "The package"} is deleted` });
        setDeleting(null);
        await refresh();
      },
      // The server says why (e.g. "used by 3 subscriptions: archive it instead").
      onError: (e) => setDeleteError(errorMessage(e)),
    }),
  );

  const openEditor = (pkg: PackageRow | null) => {
    setEditing(pkg);
    setDialogOpen(true);
  };
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? Math.min(data.total, data.page * data.pageSize) : 0;

  return (
    <>
      <PageHeader
        title="Packages"
        description="The internet packages you sell. Archive a package to stop selling it; subscribers on it keep their service."
        actions={
          canManage ? (
            <Button onClick={() => openEditor(null)}>
              <Plus aria-hidden />
              New package
            </Button>
          ) : null
        }
      />
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-3 border-b p-4 lg:flex-row lg:items-end">
          <div className="grid flex-1 gap-2">
            <Label htmlFor="packages-search">Search packages</Label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input id="packages-search" type="search" placeholder="Name or code" className="pl-9" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
            </div>
          </div>
          <div className="grid gap-2 lg:w-44">
            <Label htmlFor="packages-type">Type</Label>
            <NativeSelect id="packages-type" value={type ?? ""} onChange={(e) => url.set({ type: e.target.value || undefined, page: undefined })}>
              <option value="">All types</option>
              {PACKAGE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {PACKAGE_TYPE_LABELS[t]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2 lg:w-44">
            <Label htmlFor="packages-visibility">Visibility</Label>
            <NativeSelect id="packages-visibility" value={visibility ?? ""} onChange={(e) => url.set({ visibility: e.target.value || undefined, page: undefined })}>
              <option value="">Public and staff-only</option>
              <option value="PUBLIC">Public</option>
              <option value="STAFF_ONLY">Staff only</option>
            </NativeSelect>
          </div>
          <div className="grid gap-2 lg:w-44">
            <Label htmlFor="packages-archived">Show</Label>
            <NativeSelect id="packages-archived" value={archived} onChange={(e) => url.set({ archived: e.target.value === "active" ? undefined : e.target.value, page: undefined })}>
              <option value="active">On sale</option>
              <option value="archived">Archived</option>
              <option value="all">All packages</option>
            </NativeSelect>
          </div>
        </div>

        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load packages" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading packages">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-5 w-full" />
            ))}
          </div>
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Package />}
              title={filtered ? "No packages match your filters" : "No packages yet"}
              description={filtered ? "Try another search or show all packages." : canManage ? "Create your first package: its speeds, price and billing cycle." : "Ask a network administrator to create packages."}
              action={
                filtered ? (
                  <Button variant="outline" onClick={() => url.set({ q: undefined, type: undefined, visibility: undefined, archived: undefined, page: undefined })}>
                    Clear filters
                  </Button>
                ) : canManage ? (
                  <Button onClick={() => openEditor(null)}>
                    <Plus aria-hidden />
                    New package
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
                  <TableHead className="pl-4">Package</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead>Speed</TableHead>
                  <TableHead className="hidden md:table-cell">Data</TableHead>
                  <TableHead className="text-right">Price</TableHead>
                  <TableHead className="hidden lg:table-cell">Visibility</TableHead>
                  {canManage ? (
                    <TableHead className="w-12 pr-4">
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((p) => (
                  <TableRow key={p.id} className={cn(p.archivedAt && "text-muted-foreground")}>
                    <TableCell className="pl-4">
                      <div className="flex items-center gap-2 font-medium">
                        {p.name}
                        {p.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                      </div>
                      <div className="font-mono text-xs text-muted-foreground">{p.code}</div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={TYPE_BADGE[p.type]}>{PACKAGE_TYPE_LABELS[p.type]}</Badge>
                    </TableCell>
                    <TableCell className="whitespace-nowrap">{formatSpeed(p.downloadKbps, p.uploadKbps)}</TableCell>
                    <TableCell className="hidden whitespace-nowrap md:table-cell">
                      {p.type === "HOTSPOT" && p.hotspotMode === "TIME" ? `${p.validityMinutes} min` : formatData(p.dataCapMb)}
                    </TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      <div>{formatMoney(p.priceMinor, currency)}</div>
                      <div className="text-xs text-muted-foreground">
                        {p.type === "HOTSPOT" ? "per voucher" : BILLING_CYCLE_LABELS[p.billingCycle].toLowerCase()}
                        {p.promoPriceMinor != null ? ` · promo ${formatMoney(p.promoPriceMinor, currency)} × ${p.promoCycles}` : ""}
                      </div>
                    </TableCell>
                    <TableCell className="hidden lg:table-cell">{p.visibility === "PUBLIC" ? "Public" : "Staff only"}</TableCell>
                    {canManage ? (
                      <TableCell className="pr-4 text-right">
                        <DropdownMenu>
                          <DropdownMenuTrigger asChild>
                            <Button variant="ghost" size="icon" aria-label={`Actions for ${p.name}`}>
                              <Ellipsis aria-hidden />
                            </Button>
                          </DropdownMenuTrigger>
                          <DropdownMenuContent className="w-48">
                            <DropdownMenuItem onSelect={() => openEditor(p)}>
                              <Pencil aria-hidden />
                              Edit…
                            </DropdownMenuItem>
                            {p.archivedAt ? (
                              <DropdownMenuItem onSelect={() => unarchive.mutate({ id: p.id })}>
                                <ArchiveRestore aria-hidden />
                                Put back on sale
                              </DropdownMenuItem>
                            ) : (
                              <DropdownMenuItem onSelect={() => archive.mutate({ id: p.id })}>
                                <Archive aria-hidden />
                                Archive
                              </DropdownMenuItem>
                            )}
                            <DropdownMenuSeparator />
                            <DropdownMenuItem
                              variant="destructive"
                              onSelect={() => {
                                setDeleteError(null);
                                setDeleting(p);
                              }}
                            >
                              <Trash2 aria-hidden />
                              Delete…
                            </DropdownMenuItem>
                          </DropdownMenuContent>
                        </DropdownMenu>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}

        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 package" : `Showing ${first}–${last} of ${data.total} packages`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} /> : null}
          </div>
        ) : null}
      </Card>

      {canManage ? <PackageDialog open={dialogOpen} onOpenChange={setDialogOpen} pkg={editing} currency={currency} /> : null}
      <ConfirmDialog
        open={!!deleting}
        onOpenChange={(o) => (!o ? setDeleting(null) : undefined)}
        title={deleting ? `Delete ${deleting.name}?` : "Delete package?"}
        description="Only a package nobody has subscribed to can be deleted. A package in use can be archived instead."
        confirmLabel="Delete package"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={deleteError}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      />
    </>
  );
}
