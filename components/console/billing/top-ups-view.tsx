"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Gauge, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatData, formatMoney } from "@/server/lib/money";
import { DataList, type Columns } from "../data-list";
import { useToastAction } from "../use-toast-action";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";
import { TOP_UP_OPTIONS_INPUT } from "./top-ups-query";
import { TopUpOptionDialog } from "./top-up-option-dialog";

export type TopUpOptionRow = RouterOutputs["dataCaps"]["options"]["list"]["rows"][number];

/** The data top-ups customers can buy in the portal (and staff for them), archived ones included. */
export function TopUpsView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(TOP_UP_OPTIONS_INPUT.page);
  const options = useQuery(
    trpc.dataCaps.options.list.queryOptions({ ...TOP_UP_OPTIONS_INPUT, page }, { placeholderData: keepPreviousData }),
  );
  const archive = useMutation(trpc.dataCaps.options.archive.mutationOptions());
  const [editing, setEditing] = React.useState<TopUpOptionRow | "new" | null>(null);

  const act = useToastAction(trpc.dataCaps.options.list.pathFilter());
  const toggle = (o: TopUpOptionRow) =>
    act(async () => {
      await archive.mutateAsync({ id: o.id, archived: !o.archivedAt });
      return {
        title: o.archivedAt ? `${o.name} is on sale again` : `${o.name} is no longer sold`,
        description: o.archivedAt ? undefined : "Top-ups already bought keep their data.",
      };
    });

  const newButton = canManage ? (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden />
      New top-up
    </Button>
  ) : null;
  const columns: Columns<TopUpOptionRow> = [
    {
      label: "Name",
      cellClassName: "font-medium",
      cell: (o) => (
        <>
          {o.name} {o.archivedAt ? <Badge variant="outline">Not sold</Badge> : null}
        </>
      ),
    },
    { label: "Data", cell: (o) => formatData(o.mb) },
    { label: "Price", cell: (o) => formatMoney(o.priceMinor, currency) },
    canManage && {
      label: "Actions",
      hideLabel: true,
      cellClassName: "space-x-2 text-right",
      cell: (o) => (
        <>
          <Button variant="outline" size="sm" onClick={() => setEditing(o)}>
            Edit
          </Button>
          <Button variant="outline" size="sm" disabled={archive.isPending} onClick={() => toggle(o)}>
            {o.archivedAt ? "Sell again" : "Stop selling"}
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description="Data top-ups: extra data for the subscription's current billing period only, bought in the portal. Prepaid customers pay from their wallet; postpaid customers find it on their next invoice."
        actions={newButton}
      />
      <BillingTabs current="/billing/top-ups" />
      <DataList
        query={options}
        data={options.data}
        noun={["top-up", "top-ups"]}
        columns={columns}
        rowKey={(o) => o.id}
        empty={{
          icon: <Gauge />,
          title: "No data top-ups yet",
          description: canManage
            ? "Add one (for example 5 GB for the price of a day's bundle) so capped customers can buy more data in the portal."
            : "A billing administrator adds them.",
          action: newButton ?? undefined,
        }}
        onPageChange={setPage}
      />
      {canManage ? (
        <TopUpOptionDialog
          openFor={editing}
          option={editing === "new" ? null : editing}
          currency={currency}
          onOpenChange={(open) => (open ? undefined : setEditing(null))}
        />
      ) : null}
    </>
  );
}
