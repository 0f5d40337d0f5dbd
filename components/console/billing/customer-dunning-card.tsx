"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrangementDialog } from "@/components/dunning/arrangement-dialog";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/server/lib/money";
import { ARRANGEMENT_KIND_LABELS, CHANNEL_LABELS } from "@/server/modules/dunning/schema";
import { QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { useToastAction } from "../use-toast-action";
import { ArrangementStatusBadge, planText } from "./dunning-view";

const STAGES = {
  CLEAR: { label: "Nothing owed", variant: "success" },
  OPEN: { label: "Invoices open, not yet due", variant: "secondary" },
  OVERDUE: { label: "Overdue, in grace", variant: "warning" },
  SUSPENDED: { label: "Suspended for non-payment", variant: "destructive" },
  ARRANGEMENT: { label: "On a payment arrangement", variant: "default" },
} as const;

const NOTICE_LABELS = {
  REMINDER: "Reminder",
  SUSPENDED: "Suspension notice",
  RESTORED: "Service restored",
  ARRANGEMENT_BROKEN: "Arrangement broken",
} as const;

/** The customer's dunning on their page: stage, what is overdue, the last notice, the arrangement. */
export function CustomerDunningCard({
  customerId,
  timeZone,
  today,
  canManage,
}: {
  customerId: string;
  timeZone: string;
  today: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [arranging, setArranging] = React.useState(false);
  const query = useQuery(trpc.dunning.customer.queryOptions({ customerId }));
  const create = useMutation(trpc.dunning.arrangements.create.mutationOptions());
  const cancel = useMutation(trpc.dunning.arrangements.cancel.mutationOptions());
  // Dunning decides suspensions: the customer's subscriptions change with it.
  const lists = [trpc.dunning.pathFilter(), trpc.subscriptions.pathFilter()];
  const refresh = () => Promise.all(lists.map((filters) => queryClient.invalidateQueries(filters)));
  const act = useToastAction(lists);

  if (query.isError)
    return <QueryError title="Could not load dunning" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton className="h-40 w-full" />;
  const d = query.data;
  const stage = STAGES[d.stage as keyof typeof STAGES];
  const currency = d.currency ?? d.arrangement?.currency ?? "";

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Payments and dunning <Badge variant={stage.variant}>{stage.label}</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {d.overdueMinor > 0 ? (
          <p>
            <span className="font-medium">{formatMoney(d.overdueMinor, currency)} overdue</span>{" "}
            <span className="text-muted-foreground">
              on {d.overdueInvoices.map((i) => `${i.number} (due ${formatDate(i.dueDate, "UTC")})`).join(", ")}
            </span>
          </p>
        ) : d.openMinor > 0 ? (
          <p>{formatMoney(d.openMinor, currency)} open, not yet due.</p>
        ) : (
          <p className="text-muted-foreground">No unpaid invoices.</p>
        )}
        {d.suspendOn ? (
          <p>Service will be suspended on {formatDate(d.suspendOn, "UTC")} unless the overdue balance is paid.</p>
        ) : null}
        {d.suspendedSubscriptionIds.length > 0 ? (
          <p>
            {d.suspendedSubscriptionIds.length} service{d.suspendedSubscriptionIds.length === 1 ? " is" : "s are"}{" "}
            suspended by dunning and will be restored as soon as nothing is overdue past the grace period.
          </p>
        ) : null}
        <p className="text-muted-foreground">
          Last notice:{" "}
          {d.lastNotice
            ? `${NOTICE_LABELS[d.lastNotice.kind]} on ${formatDateTime(d.lastNotice.sentAt, timeZone)}${
                d.lastNotice.channels.length
                  ? ` by ${d.lastNotice.channels.map((c) => CHANNEL_LABELS[c]).join(", ")}`
                  : " (no way to reach the customer: add an e-mail or phone)"
              }`
            : "none sent"}
        </p>
        {d.arrangement ? (
          <div className="grid gap-1 rounded-md border p-3">
            <p className="flex items-center gap-2 font-medium">
              {ARRANGEMENT_KIND_LABELS[d.arrangement.kind]} of {formatMoney(d.arrangement.coveredMinor, currency)}
              <ArrangementStatusBadge status={d.arrangement.status} />
            </p>
            <p className="text-muted-foreground">{planText(d.arrangement)}</p>
            {canManage ? (
              <Button
                variant="outline"
                size="sm"
                className="justify-self-start"
                disabled={cancel.isPending}
                onClick={() =>
                  act(async () => {
                    await cancel.mutateAsync({ id: d.arrangement!.id, reason: "Cancelled by staff" });
                    return "Arrangement cancelled: dunning applies again";
                  }, "Nothing changed")
                }
              >
                Cancel arrangement
              </Button>
            ) : null}
          </div>
        ) : canManage && d.overdueMinor > 0 ? (
          <Button variant="outline" size="sm" className="justify-self-start" onClick={() => setArranging(true)}>
            Agree a payment arrangement…
          </Button>
        ) : null}
      </CardContent>
      {canManage && d.overdueMinor > 0 ? (
        <ArrangementDialog
          open={arranging}
          onOpenChange={setArranging}
          title="Payment arrangement"
          description="While it is kept, no reminders go and service stays on (suspended service is restored now). A missed date ends it and dunning resumes."
          currency={currency}
          overdueMinor={d.overdueMinor}
          today={today}
          submitLabel="Agree arrangement"
          submit={async (input) => {
            await create.mutateAsync({ customerId, ...input });
            await refresh();
            toast({ variant: "success", title: "Payment arrangement agreed" });
          }}
        />
      ) : null}
    </Card>
  );
}
