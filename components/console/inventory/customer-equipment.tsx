"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useTRPC } from "@/components/trpc/client";
import { AssetStatusBadge } from "./parts";

/** The customer's page: the equipment deployed at their subscriptions, by serial. */
export function CustomerEquipment({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.inventory.assets.forCustomer.queryOptions({ customerId }));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Equipment</CardTitle>
      </CardHeader>
      <CardContent>
        {query.data?.length ? (
          <ul aria-label="Equipment at the customer's" className="grid gap-2 text-sm">
            {query.data.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-2">
                <Link className="font-mono underline" href={`/inventory/assets?serial=${encodeURIComponent(a.serial)}`}>
                  {a.serial}
                </Link>
                <span>{a.item.name}</span>
                <AssetStatusBadge status={a.status} />
                {a.returnDueSince ? <span className="text-muted-foreground">to be collected</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">
            {query.isPending
              ? "Loading…"
              : "No equipment from the inventory here yet. It appears when a technician records a unit's serial on the installation job."}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
