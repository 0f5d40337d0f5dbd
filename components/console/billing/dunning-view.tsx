"use client";

import Link from "next/link";
import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Handshake } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import {
  ARRANGEMENT_KIND_LABELS,
  ARRANGEMENT_STATUS_LABELS,
  type ARRANGEMENT_STATUSES,
} from "@/server/modules/dunning/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, useListUrl, type Columns } from "../data-list";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { useToastAction } from "../use-toast-action";
import { ARRANGEMENT_FILTERS, arrangementsListInput } from "./arrangements-query";
import { BillingTabs } from "./billing-tabs";
import { DunningSchedule } from "./dunning-schedule";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Row = RouterOutputs["dunning"]["arrangements"]["list"]["rows"][number];
type Status = (typeof ARRANGEMENT_STATUSES)[number];

const STATUS_VARIANT: Record<Status, "default" | "secondary" | "outline" | "destructive" | "success" | "warning"> = {
  REQUESTED: "warning",
  ACTIVE: "default",
  KEPT: "success",
  BROKEN: "destructive",
  DECLINED: "outline",
  CANCELLED: "outline",
};

export function ArrangementStatusBadge({ status }: { status: Status }) {
  return <Badge variant={STATUS_VARIANT[status]}>{ARRANGEMENT_STATUS_LABELS[status]}</Badge>;
}

/** "KES 500.00 by 2026-12-10, KES 500.00 by 2026-12-24". */
export const planText = (a: Pick<Row, "instalments" | "currency">) =>
  a.instalments.map((i) => `${formatMoney(i.amountMinor, a.currency)} by ${formatDate(i.dueDate, "UTC")}`).join(", ");

export function DunningView({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  return (
    <>
      <PageHeader
        title="Billing"
        description="Reminders before and after the due date, suspension after the grace period, and payment arrangements."
      />
      <BillingTabs current="/billing/dunning" />
      <div className="space-y-6">
        <ArrangementsQueue canManage={canManage} timeZone={timeZone} />
        <DunningSchedule canManage={canManage} />
      </div>
    </>
  );
}

function ArrangementsQueue({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const list = useListUrl(["status"]);
  const input = arrangementsListInput(list);
  const query = useQuery(trpc.dunning.arrangements.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const decide = useMutation(trpc.dunning.arrangements.decide.mutationOptions());
  const act = useToastAction(trpc.dunning.pathFilter());
  const decideOn = (row: Row, approve: boolean) =>
    act(async () => {
      await decide.mutateAsync({ id: row.id, approve });
      return approve ? `Arrangement with ${row.customer.name} approved` : `Request from ${row.customer.name} declined`;
    }, "Nothing changed");

  const columns: Columns<Row, never> = [
    {
      label: "Customer",
      cell: (r) => (
        <Link className="font-medium hover:underline" href={`/customers/${r.customer.id}`}>
          {r.customer.name}{" "}
          <span className="text-muted-foreground">{formatAccountNumber(r.customer.accountNumber)}</span>
        </Link>
      ),
    },
    {
      label: "Plan",
      cell: (r) => (
        <div className="grid gap-0.5 text-sm">
          <span>
            {ARRANGEMENT_KIND_LABELS[r.kind]} of {formatMoney(r.coveredMinor, r.currency)}
            {r.requestedByCustomer ? <span className="text-muted-foreground"> · asked in the portal</span> : null}
          </span>
          <span className="text-muted-foreground">{planText(r)}</span>
          {r.note ? <span className="text-muted-foreground">“{r.note}”</span> : null}
          {r.closedReason ? <span className="text-muted-foreground">{r.closedReason}</span> : null}
        </div>
      ),
    },
    { label: "Status", cell: (r) => <ArrangementStatusBadge status={r.status} /> },
    { label: "Since", className: "hidden md:table-cell", cell: (r) => formatDate(r.createdAt, timeZone) },
    {
      label: "",
      className: "text-right",
      cell: (r) =>
        canManage && r.status === "REQUESTED" ? (
          <div className="flex justify-end gap-2">
            <Button size="sm" disabled={decide.isPending} onClick={() => decideOn(r, true)}>
              Approve
            </Button>
            <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decideOn(r, false)}>
              Decline
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="arrangements-heading" className="space-y-2">
      <h2 id="arrangements-heading" className="text-lg font-semibold">
        Payment arrangements
      </h2>
      <DataList
        query={query}
        data={query.data}
        noun={["arrangement", "arrangements"]}
        toolbar={
          <ListToolbar>
            <FilterSelect
              id="arrangements-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(ARRANGEMENT_FILTERS, ARRANGEMENT_STATUS_LABELS)}
              className="sm:w-52"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(r) => r.id}
        empty={{
          icon: <Handshake />,
          title: "No payment arrangements",
          description:
            "Customers ask for one in the portal, and staff agree one from a customer's page. While one is kept, dunning leaves the customer alone.",
        }}
        noMatch={
          list.filtered && {
            title: "No arrangements with this status",
            description: "Choose another status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </section>
  );
}
