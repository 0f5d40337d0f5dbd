"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrangementDialog } from "@/components/dunning/arrangement-dialog";
import { formatDate } from "@/components/console/format";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/server/lib/money";
import { PayNowDialog } from "./payments/pay-now-dialog";
import { ARRANGEMENT_KIND_LABELS, ARRANGEMENT_STATUS_LABELS } from "@/server/modules/dunning/schema";

// Calendar dates (stored at UTC midnight): shown as they are.
const day = (d: string) => formatDate(d, "UTC");

/**
 * What the customer owes past its due date, when their service will be (or was) suspended, and a
 * way to ask for more time. Nothing is shown while nothing is overdue.
 */
export function OverdueCard({
  companyName,
  currency,
  today,
}: {
  companyName: string;
  currency: string;
  today: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = React.useState(false);
  const state = useQuery(trpc.dunning.portal.state.queryOptions());
  const request = useMutation(trpc.dunning.portal.requestArrangement.mutationOptions());
  const s = state.data;
  if (!s || (s.overdueMinor === 0 && !s.arrangement)) return null;
  const money = (minor: number) => formatMoney(minor, s.currency ?? currency);

  return (
    <Alert variant={s.suspended ? "destructive" : "default"}>
      <AlertTitle>
        {s.suspended
          ? "Your service is suspended for an unpaid balance"
          : s.overdueMinor > 0
            ? `${money(s.overdueMinor)} is overdue`
            : "Your payment arrangement"}
      </AlertTitle>
      <AlertDescription className="grid gap-2">
        {s.overdueInvoices.length > 0 ? (
          <ul className="list-inside list-disc">
            {s.overdueInvoices.map((i) => (
              <li key={i.number}>
                Invoice {i.number}: {money(i.balanceMinor)}, due {day(i.dueDate)}
              </li>
            ))}
          </ul>
        ) : null}
        {s.overdueMinor > 0 ? (
          // Paid where the customer reads what they owe; allocated to the oldest invoices first.
          <div>
            <PayNowDialog amountMinor={s.overdueMinor} label={`Pay ${money(s.overdueMinor)} now`} size="sm" />
          </div>
        ) : null}
        {s.suspended ? (
          <p>Pay the overdue balance and your service is restored at once.</p>
        ) : s.suspendOn ? (
          <p>
            Unless it is paid, your service will be suspended on <strong>{day(s.suspendOn)}</strong>.
          </p>
        ) : null}
        {s.arrangement ? (
          <p>
            {ARRANGEMENT_KIND_LABELS[s.arrangement.kind]} ({ARRANGEMENT_STATUS_LABELS[s.arrangement.status]}):{" "}
            {s.arrangement.instalments.map((i) => `${money(i.amountMinor)} by ${day(i.dueDate)}`).join(", ")}.
            {s.arrangement.status === "REQUESTED" ? ` ${companyName} will confirm it with you.` : null}
          </p>
        ) : s.overdueMinor > 0 ? (
          <Button variant="outline" size="sm" className="justify-self-start" onClick={() => setAsking(true)}>
            Ask for more time to pay…
          </Button>
        ) : null}
      </AlertDescription>
      {s.overdueMinor > 0 && !s.arrangement ? (
        <ArrangementDialog
          open={asking}
          onOpenChange={setAsking}
          title="Ask for more time to pay"
          description={`Promise to pay by a date, or in instalments. ${companyName} reviews your request; while an agreed plan is kept, your service stays on.`}
          currency={s.currency ?? currency}
          overdueMinor={s.overdueMinor}
          today={today}
          submitLabel="Send request"
          submit={async (input) => {
            await request.mutateAsync(input);
            await queryClient.invalidateQueries(trpc.dunning.portal.pathFilter());
          }}
        />
      ) : null}
    </Alert>
  );
}
