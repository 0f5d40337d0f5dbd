"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DataUsageList } from "@/components/data-caps/data-usage";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { formatData } from "@/server/lib/money";

/** The customer's data allowance this billing period, with top-ups to buy when it runs low. */
export function PortalDataUsage({ currency }: { currency: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const usage = useQuery(trpc.dataCaps.portal.usage.queryOptions());
  const buy = useMutation(trpc.dataCaps.portal.buy.mutationOptions());
  // Nothing to show for plans without a cap: the usage chart above already tells the story.
  if (usage.data && usage.data.subscriptions.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Your data allowance</CardTitle>
        <CardDescription>What you have used this billing period, and extra data when you need it.</CardDescription>
      </CardHeader>
      <CardContent>
        {usage.isError ? (
          <p className="text-sm text-destructive">Your data allowance could not be loaded. Please refresh the page.</p>
        ) : !usage.data ? (
          <Spinner />
        ) : (
          <DataUsageList
            data={usage.data}
            currency={currency}
            audience="customer"
            canBuy
            onBuy={async (input) => {
              const topUp = await buy.mutateAsync(input);
              await queryClient.invalidateQueries(trpc.dataCaps.portal.usage.queryFilter());
              // Paid from the wallet: the wallet card on the same page shows the new balance.
              if (topUp.payment === "WALLET") await queryClient.invalidateQueries(trpc.wallet.portal.pathFilter());
              toast({
                variant: "success",
                title: `${formatData(topUp.mb)} added to your plan`,
                description:
                  topUp.payment === "WALLET" ? "Paid from your wallet." : "It will appear on your next invoice.",
              });
            }}
          />
        )}
      </CardContent>
    </Card>
  );
}
