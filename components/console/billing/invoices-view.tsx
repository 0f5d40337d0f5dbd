"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { INVOICE_STATUS_LABELS } from "@/server/modules/billing/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";
import { InvoiceStatusBadge } from "./invoice-status";
import { INVOICE_FILTERS, INVOICE_SORTS, INVOICES_SORTING, invoicesListInput } from "./list-query";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Row = RouterOutputs["billing"]["invoices"]["list"]["rows"][number];
type Sort = (typeof INVOICE_SORTS)[number];

// Service and invoice dates are calendar dates (stored at UTC midnight): shown as they are.
const day = (d: Date | string | null) => formatDate(d, "UTC");

export function InvoicesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "run"]);
  const input = invoicesListInput(list);
  const sorting = list.sorting(INVOICE_SORTS, INVOICES_SORTING);
  const query = useQuery(trpc.billing.invoices.list.queryOptions(input, { placeholderData: keepPreviousData }));

  const columns: Columns<Row, Sort> = [
    {
      label: "Invoice",
      sort: "number",
      cell: (i) => (
        <Link className="font-medium hover:underline" href={`/billing/invoices/${i.id}`}>
          {i.number}
        </Link>
      ),
    },
    {
      label: "Customer",
      cell: (i) => (
        <Link className="hover:underline" href={`/customers/${i.customer.id}`}>
          {i.customer.name}{" "}
          <span className="text-muted-foreground">{formatAccountNumber(i.customer.accountNumber)}</span>
        </Link>
      ),
    },
    { label: "Status", cell: (i) => <InvoiceStatusBadge status={i.status} overdue={i.overdue} /> },
    { label: "Issued", sort: "issueDate", className: "hidden md:table-cell", cell: (i) => day(i.issueDate) },
    { label: "Due", sort: "dueDate", className: "hidden md:table-cell", cell: (i) => day(i.dueDate) },
    {
      label: "Total",
      sort: "totalMinor",
      className: "text-right",
      cell: (i) => formatMoney(i.totalMinor, i.currency),
    },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description="Invoices for every subscription, each line with the rule behind its amount."
        actions={
          canManage ? (
            <Button asChild>
              <Link href="/billing/runs">Preview and run billing</Link>
            </Button>
          ) : null
        }
      />
      <BillingTabs current="/billing/invoices" />
      {input.billingRunId ? (
        <RunFilter id={input.billingRunId} onClear={() => list.setFilter({ run: undefined })} />
      ) : null}
      <DataList
        query={query}
        data={query.data}
        noun={["invoice", "invoices"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="invoices-search"
              label="Search invoices"
              placeholder="Invoice number, customer or account number"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="invoices-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(INVOICE_FILTERS, INVOICE_STATUS_LABELS)}
              className="sm:w-52"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(i) => i.id}
        sort={sorting}
        empty={{
          icon: <Receipt />,
          title: "No invoices yet",
          description: canManage
            ? "Set up tax rates under Settings, then preview and run billing under Runs."
            : "Invoices appear here once a billing administrator runs billing.",
        }}
        noMatch={
          list.filtered && {
            title: "No invoices match",
            description: "Try another search or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

/** "See the invoices of this run" leads here: say so, or the list looks like all there is. */
function RunFilter({ id, onClear }: { id: string; onClear: () => void }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.billing.runs.get.queryOptions({ id }));
  return (
    <div
      role="status"
      className="mb-4 flex flex-wrap items-center justify-between gap-2 rounded-md border bg-muted/40 px-4 py-2 text-sm"
    >
      <span>
        Only the invoices of the{" "}
        {run.data ? (
          <Link className="underline" href={`/billing/runs?run=${id}`}>
            billing run of {day(run.data.runDate)}
          </Link>
        ) : (
          "billing run"
        )}
        .
      </span>
      <Button variant="outline" size="sm" onClick={onClear}>
        Show all invoices
      </Button>
    </div>
  );
}
