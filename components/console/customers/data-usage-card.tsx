"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DataUsageList } from "@/components/data-caps/data-usage";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { formatData } from "@/server/lib/money";
import { QueryError } from "../errors";

/** The customer's capped subscriptions: data used this billing period, and a top-up bought for them. */
export function CustomerDataUsageCard({
  customerId,
  currency,
  canBuy,
}: {
  customerId: string;
  currency: string;
  canBuy: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const usage = useQuery(trpc.dataCaps.customer.queryOptions({ customerId }));
  const buy = useMutation(trpc.dataCaps.buy.mutationOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Data this period</CardTitle>
        <CardDescription>
          Usage against the allowance: the plan&apos;s cap, plus top-ups, plus data rolled over. Customers are told at
          80 % and 100 %.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {usage.isError ? (
          <QueryError title="Could not load data usage" error={usage.error} onRetry={() => usage.refetch()} />
        ) : !usage.data ? (
          <Skeleton className="h-16 w-full" />
        ) : (
          <DataUsageList
            data={usage.data}
            currency={currency}
            audience="staff"
            canBuy={canBuy}
            onBuy={async (input) => {
              const topUp = await buy.mutateAsync(input);
              await queryClient.invalidateQueries(trpc.dataCaps.customer.queryFilter({ customerId }));
              // Paid from the wallet: the wallet card on this page shows the debit.
              if (topUp.payment === "WALLET") await queryClient.invalidateQueries(trpc.wallet.ledger.pathFilter());
              toast({ variant: "success", title: `${formatData(topUp.mb)} added`, description: topUp.name });
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
