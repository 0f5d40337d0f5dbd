"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Gauge, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatData, formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";
import { TOP_UP_OPTIONS_INPUT } from "./top-ups-query";
import { TopUpOptionDialog } from "./top-up-option-dialog";

export type TopUpOptionRow = RouterOutputs["dataCaps"]["options"]["list"]["rows"][number];

/** The data top-ups customers can buy in the portal (and staff for them). */
export function TopUpsView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = useQuery(trpc.dataCaps.options.list.queryOptions(TOP_UP_OPTIONS_INPUT));
  const archive = useMutation(trpc.dataCaps.options.archive.mutationOptions());
  const [editing, setEditing] = React.useState<TopUpOptionRow | "new" | null>(null);

  const toggle = async (o: TopUpOptionRow) => {
    await archive.mutateAsync({ id: o.id, archived: !o.archivedAt });
    await queryClient.invalidateQueries(trpc.dataCaps.options.list.pathFilter());
    toast({
      variant: "success",
      title: o.archivedAt ? `${o.name} is on sale again` : `${o.name} is no longer sold`,
      description: o.archivedAt ? undefined : "Top-ups already bought keep their data.",
    });
  };

  return (
    <>
      <PageHeader
        title="Billing"
        description="Data top-ups: extra data for the current billing period, bought in the portal."
        actions={
          canManage ? (
            <Button onClick={() => setEditing("new")}>
              <Plus aria-hidden />
              New top-up
            </Button>
          ) : null
        }
      />
      <BillingTabs current="/billing/top-ups" />
      <Card>
        <CardHeader>
          <CardTitle>Data top-ups</CardTitle>
          <CardDescription>
            A top-up adds its data to the subscription&apos;s current billing period only. Prepaid customers pay from
            their wallet; postpaid customers find it on their next invoice.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {options.isError ? (
            <QueryError title="Could not load the top-ups" error={options.error} onRetry={() => options.refetch()} />
          ) : !options.data ? (
            <Skeleton className="h-24 w-full" />
          ) : options.data.rows.length === 0 ? (
            <EmptyState
              icon={<Gauge />}
              title="No data top-ups yet"
              description={
                canManage
                  ? "Add one (for example 5 GB for the price of a day's bundle) so capped customers can buy more data in the portal."
                  : "A billing administrator adds them."
              }
              action={canManage ? <Button onClick={() => setEditing("new")}>New top-up</Button> : undefined}
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Data</TableHead>
                  <TableHead>Price</TableHead>
                  <TableHead />
                </TableRow>
              </TableHeader>
              <TableBody>
                {options.data.rows.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell className="font-medium">
                      {o.name} {o.archivedAt ? <Badge variant="outline">Not sold</Badge> : null}
                    </TableCell>
                    <TableCell>{formatData(o.mb)}</TableCell>
                    <TableCell>{formatMoney(o.priceMinor, currency)}</TableCell>
                    <TableCell className="space-x-2 text-right">
                      {canManage ? (
                        <>
                          <Button variant="outline" size="sm" onClick={() => setEditing(o)}>
                            Edit
                          </Button>
                          <Button variant="outline" size="sm" disabled={archive.isPending} onClick={() => toggle(o)}>
                            {o.archivedAt ? "Sell again" : "Stop selling"}
                          </Button>
                        </>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
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
