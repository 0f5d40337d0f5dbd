"use client";

import Link from "next/link";
import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Banknote } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { METHOD_LABELS, PAYMENT_METHODS, PAYMENT_STATUS_LABELS } from "@/server/modules/payments/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";
import { PaymentStatusBadge } from "./payment-status";
import { PAYMENT_FILTERS, PAYMENT_SORTS, PAYMENTS_SORTING, paymentsListInput } from "./payments-list-query";
import { RecordPaymentDialog } from "./record-payment-dialog";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Row = RouterOutputs["payments"]["list"]["rows"][number];
type Sort = (typeof PAYMENT_SORTS)[number];

export function PaymentsView({
  canManage,
  timeZone,
  currency,
}: {
  canManage: boolean;
  timeZone: string;
  currency: string;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status", "method"]);
  const input = paymentsListInput(list);
  const sorting = list.sorting(PAYMENT_SORTS, PAYMENTS_SORTING);
  const query = useQuery(trpc.payments.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [recording, setRecording] = React.useState(false);

  const columns: Columns<Row, Sort> = [
    {
      label: "Receipt",
      sort: "receiptNumber",
      cell: (p) => (
        <Link className="font-medium hover:underline" href={`/billing/payments/${p.id}`}>
          {p.receipt ?? "Pending"}
        </Link>
      ),
    },
    {
      label: "Customer",
      cell: (p) =>
        p.customer ? (
          <Link className="hover:underline" href={`/customers/${p.customer.id}`}>
            {p.customer.name}{" "}
            <span className="text-muted-foreground">{formatAccountNumber(p.customer.accountNumber)}</span>
          </Link>
        ) : (
          <span className="text-muted-foreground">Account “{p.accountReference ?? "?"}” — nobody has it</span>
        ),
    },
    { label: "Method", cell: (p) => METHOD_LABELS[p.method] },
    { label: "Status", cell: (p) => <PaymentStatusBadge status={p.status} unmatched={p.unmatched} /> },
    { label: "Reference", className: "hidden lg:table-cell", cell: (p) => p.reference ?? "—" },
    {
      label: "Received",
      sort: "createdAt",
      className: "hidden md:table-cell",
      cell: (p) => formatDate(p.receivedAt ?? p.createdAt, timeZone),
    },
    {
      label: "Amount",
      sort: "amountMinor",
      className: "text-right",
      cell: (p) => formatMoney(p.amountMinor, p.currency),
    },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description="Money received from customers, what each payment paid, and refunds."
        actions={canManage ? <Button onClick={() => setRecording(true)}>Record a payment</Button> : null}
      />
      <BillingTabs current="/billing/payments" />
      <DataList
        query={query}
        data={query.data}
        noun={["payment", "payments"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="payments-search"
              label="Search payments"
              placeholder="Receipt, reference, customer or account number"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="payments-method"
              label="Method"
              allLabel="All methods"
              value={input.method}
              onChange={(v) => list.setFilter({ method: v })}
              options={optionsFrom(PAYMENT_METHODS, METHOD_LABELS)}
              className="sm:w-44"
            />
            <FilterSelect
              id="payments-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(PAYMENT_FILTERS, PAYMENT_STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        sort={sorting}
        empty={{
          icon: <Banknote />,
          title: "No payments yet",
          description: canManage
            ? "Record cash, cheque or bank payments with “Record a payment”; card and M-Pesa payments appear here as customers pay."
            : "Payments appear here as customers pay and staff record them.",
        }}
        noMatch={
          list.filtered && {
            title: "No payments match",
            description: "Try another search, method or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <RecordPaymentDialog open={recording} onOpenChange={setRecording} currency={currency} /> : null}
    </>
  );
}
