"use client";

import * as React from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";

/**
 * After a change to a customer's subscriptions or service requests: reloads what the customer
 * page shows of the customer (its status in the header, its history) and the customers list.
 * A subscription's activation, for instance, makes a prospect an active customer on the server.
 */
export function useRefreshCustomer() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return React.useCallback(
    (customerId: string) =>
      Promise.all([
        queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id: customerId })),
        queryClient.invalidateQueries(trpc.customers.timeline.queryFilter({ id: customerId })),
        queryClient.invalidateQueries(trpc.customers.list.pathFilter()),
      ]),
    [trpc, queryClient],
  );
}
