"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Archive, ArchiveRestore, Ellipsis, Gauge, Package, Pencil, Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import { BILLING_CYCLE_LABELS, PACKAGE_TYPE_LABELS, PACKAGE_TYPES } from "@/server/modules/packages/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { packagesListInput } from "./list-query";
import { errorMessage } from "../errors";
import { useToastAction } from "../use-toast-action";
import { formatData, formatMoney, formatSpeed } from "./format";
import { PackageDialog, type PackageRow } from "./package-dialog";

type TypeFilter = (typeof PACKAGE_TYPES)[number];
const TYPE_BADGE: Record<TypeFilter, "default" | "secondary" | "outline" | "warning"> = {
  HOTSPOT: "warning",
  PPPOE: "secondary",
  FIBER: "default",
  CORPORATE: "outline",
};

export function PackagesView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "type", "visibility", "archived"]);
  const toast = useToast();
  const queryClient = useQueryClient();
  const input = packagesListInput(list);
  const { type, visibility, archived } = input;
  const query = useQuery(trpc.packages.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const data = query.data;

  const [editing, setEditing] = React.useState<PackageRow | null>(null);
  const [dialogOpen, setDialogOpen] = React.useState(false);
  const [deleting, setDeleting] = React.useState<PackageRow | null>(null);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.packages.list.pathFilter());
  const archive = useMutation(trpc.packages.archive.mutationOptions());
  const unarchive = useMutation(trpc.packages.unarchive.mutationOptions());
  const act = useToastAction(trpc.packages.list.pathFilter());
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
  const columns: Columns<PackageRow> = [
    {
      label: "Package",
      cell: (p) => (
        <>
          <div className="flex items-center gap-2 font-medium">
            {p.name}
            {p.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
          </div>
          <div className="font-mono text-xs text-muted-foreground">{p.code}</div>
        </>
      ),
    },
    { label: "Type", cell: (p) => <Badge variant={TYPE_BADGE[p.type]}>{PACKAGE_TYPE_LABELS[p.type]}</Badge> },
    { label: "Speed", cellClassName: "whitespace-nowrap", cell: (p) => formatSpeed(p.downloadKbps, p.uploadKbps) },
    {
      label: "Data",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap",
      cell: (p) =>
        p.type === "HOTSPOT" && p.hotspotMode === "TIME" ? `${p.validityMinutes} min` : formatData(p.dataCapMb),
    },
    {
      label: "Price",
      className: "text-right",
      cellClassName: "whitespace-nowrap",
      cell: (p) => (
        <>
          <div>{formatMoney(p.priceMinor, currency)}</div>
          <div className="text-xs text-muted-foreground">
            {p.type === "HOTSPOT" ? "per voucher" : BILLING_CYCLE_LABELS[p.billingCycle].toLowerCase()}
            {p.prepaid ? " · prepaid from the wallet" : ""}
            {p.promoPriceMinor != null ? ` · promo ${formatMoney(p.promoPriceMinor, currency)} × ${p.promoCycles}` : ""}
          </div>
        </>
      ),
    },
    {
      label: "Visibility",
      className: "hidden lg:table-cell",
      cell: (p) => (p.visibility === "PUBLIC" ? "Public" : "Staff only"),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-12",
      cellClassName: "text-right",
      cell: (p) => (
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
              <DropdownMenuItem
                onSelect={() =>
                  act(async () => {
                    const pkg = await unarchive.mutateAsync({ id: p.id });
                    return `${pkg.name} is on sale again`;
                  }, "Could not restore the package")
                }
              >
                <ArchiveRestore aria-hidden />
                Put back on sale
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem
                onSelect={() =>
                  act(async () => {
                    const pkg = await archive.mutateAsync({ id: p.id });
                    return {
                      title: `${pkg.name} is archived`,
                      description: "It can no longer be sold; existing subscribers keep it.",
                    };
                  }, "Could not archive the package")
                }
              >
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
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Packages"
        description="The internet packages you sell. Archive a package to stop selling it; subscribers on it keep their service."
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href="/packages/bandwidth-policies">
                <Gauge aria-hidden />
                Bandwidth policies
              </Link>
            </Button>
            {canManage ? (
              <Button onClick={() => openEditor(null)}>
                <Plus aria-hidden />
                New package
              </Button>
            ) : null}
          </>
        }
      />
      <DataList
        query={query}
        data={data}
        noun={["package", "packages"]}
        toolbar={
          <ListToolbar className="flex flex-col gap-3 lg:flex-row lg:items-end">
            <SearchBox
              id="packages-search"
              label="Search packages"
              placeholder="Name or code"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="packages-type"
              label="Type"
              allLabel="All types"
              value={type}
              onChange={(v) => list.setFilter({ type: v })}
              options={optionsFrom(PACKAGE_TYPES, PACKAGE_TYPE_LABELS)}
              className="lg:w-44"
            />
            <FilterSelect
              id="packages-visibility"
              label="Visibility"
              allLabel="Public and staff-only"
              value={visibility}
              onChange={(v) => list.setFilter({ visibility: v })}
              options={[
                { value: "PUBLIC", label: "Public" },
                { value: "STAFF_ONLY", label: "Staff only" },
              ]}
              className="lg:w-52"
            />
            <FilterSelect
              id="packages-archived"
              label="Show"
              value={archived}
              onChange={(v) => list.setFilter({ archived: v === "active" ? undefined : v })}
              options={[
                { value: "active", label: "On sale" },
                { value: "archived", label: "Archived" },
                { value: "all", label: "All packages" },
              ]}
              className="lg:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        rowProps={(p) => ({ className: cn(p.archivedAt && "text-muted-foreground") })}
        empty={{
          icon: <Package />,
          title: "No packages yet",
          description: canManage
            ? "Create your first package: its speeds, price and billing cycle."
            : "Ask a network administrator to create packages.",
          action: canManage ? (
            <Button onClick={() => openEditor(null)}>
              <Plus aria-hidden />
              New package
            </Button>
          ) : null,
        }}
        noMatch={
          list.filtered && {
            title: "No packages match your filters",
            description: "Try another search or show all packages.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />

      {canManage ? (
        <PackageDialog open={dialogOpen} onOpenChange={setDialogOpen} pkg={editing} currency={currency} />
      ) : null}
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
