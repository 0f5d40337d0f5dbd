"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Contact, Download, Plus, Upload } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import {
  CUSTOMER_SORTS,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  STATUS_LABELS,
  TYPE_LABELS,
} from "@/server/modules/customers/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage } from "../errors";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { CustomerFormDialog } from "./customer-form-dialog";
import { customersFilters, customersListInput, CUSTOMERS_SORTING } from "./list-query";
import { CustomerStatusBadge } from "./status-badge";

type Row = RouterOutputs["customers"]["list"]["rows"][number];
type Sort = (typeof CUSTOMER_SORTS)[number];

export type CustomersViewProps = { timeZone: string; canCreate: boolean; canImport: boolean; canExport: boolean };

export function CustomersView({ timeZone, canCreate, canImport, canExport }: CustomersViewProps) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "type", "tag"]);
  const toast = useToast();
  const queryClient = useQueryClient();
  const filters = customersFilters(list);
  const { status, type, tag } = filters;
  const sorting = list.sorting(CUSTOMER_SORTS, CUSTOMERS_SORTING);
  const query = useQuery(
    trpc.customers.list.queryOptions(customersListInput(list), { placeholderData: keepPreviousData }),
  );
  const tags = useQuery(trpc.customers.tags.queryOptions());
  const data = query.data;
  const [creating, setCreating] = React.useState(false);
  const [exporting, setExporting] = React.useState(false);

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

      <DataList
        query={query}
        data={data}
        noun={["customer", "customers"]}
        toolbar={
          <ListToolbar className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_10rem_10rem]">
            <SearchBox
              id="customers-search"
              label="Search customers"
              placeholder="Name, ACC-000042, phone, e-mail, address or ID number"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="customers-status"
              label="Status"
              allLabel="All statuses"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(CUSTOMER_STATUSES, STATUS_LABELS)}
            />
            <FilterSelect
              id="customers-type"
              label="Type"
              allLabel="All types"
              value={type}
              onChange={(v) => list.setFilter({ type: v })}
              options={optionsFrom(CUSTOMER_TYPES, TYPE_LABELS)}
            />
            <FilterSelect
              id="customers-tag"
              label="Tag"
              allLabel="All tags"
              value={tag}
              onChange={(v) => list.setFilter({ tag: v })}
              options={(tags.data ?? []).map((t) => ({ value: t, label: t }))}
            />
          </ListToolbar>
        }
        columns={customerColumns(timeZone)}
        rowKey={(c) => c.id}
        sort={sorting}
        skeleton={{ rows: 6, bars: ["h-4 w-24", "h-4 w-48", "hidden h-4 w-40 md:block", "h-5 w-16"] }}
        empty={{
          icon: <Contact />,
          title: "No customers yet",
          description: canCreate
            ? "Add your first customer, import your existing ones from a CSV file, or convert a won lead."
            : "Customers appear here once your colleagues register them.",
          action: canCreate ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New customer
            </Button>
          ) : null,
        }}
        noMatch={
          list.filtered && {
            title: "No customers match",
            description: "Try part of the name, the account number or the phone number, or clear the filters.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
        footerNote={
          data?.capped ? (
            <span className="text-amber-700 dark:text-amber-400">
              · More customers match than a search lists: add to the search to narrow it.
            </span>
          ) : null
        }
      />

      {canCreate ? <CustomerFormDialog open={creating} onOpenChange={setCreating} customer={null} /> : null}
    </>
  );
}

function customerColumns(timeZone: string): Columns<Row, Sort> {
  return [
    {
      label: "Account",
      sort: "accountNumber",
      cellClassName: "font-mono text-xs whitespace-nowrap",
      cell: (c) => (
        <Link href={`/customers/${c.id}`} className="text-primary underline-offset-4 hover:underline">
          {c.accountNo}
        </Link>
      ),
    },
    {
      label: "Name",
      sort: "name",
      cell: (c) => (
        <>
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
        </>
      ),
    },
    {
      label: "Contact",
      className: "hidden md:table-cell",
      cellClassName: "text-sm text-muted-foreground",
      cell: (c) => (
        <>
          <div>{c.phone ?? "—"}</div>
          <div className="truncate">{c.email ?? ""}</div>
        </>
      ),
    },
    {
      label: "Service address",
      className: "hidden xl:table-cell",
      cellClassName: "max-w-64 truncate text-sm text-muted-foreground",
      cell: (c) => c.serviceAddress ?? "—",
    },
    { label: "Status", sort: "status", cell: (c) => <CustomerStatusBadge status={c.status} /> },
    {
      label: "Added",
      sort: "createdAt",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (c) => formatDate(c.createdAt, timeZone),
    },
  ];
}
