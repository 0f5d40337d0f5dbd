"use client";

import { useQuery } from "@tanstack/react-query";
import { TriangleAlert } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/**
 * The known outages at the customer's site, with the latest word on each: on the portal home and
 * above the new-ticket form (so they need not write to ask). Nothing when there is none.
 */
export function OutageBanner({ beforeTicket = false }: { beforeTicket?: boolean }) {
  const trpc = useTRPC();
  const outages = useQuery(trpc.outages.portal.current.queryOptions(undefined, { refetchInterval: 60_000 }));
  if (!outages.data?.length) return null;
  return (
    <div className="space-y-3">
      {outages.data.map((o) => (
        <Alert key={o.id} variant="destructive" aria-label="Known outage">
          <TriangleAlert aria-hidden />
          <AlertTitle>Known outage at your site: {o.title}</AlertTitle>
          <AlertDescription>
            {o.latest ? <p className="whitespace-pre-line">{o.latest.message}</p> : null}
            <p className="mt-1 text-xs">
              Reference {o.label}.{" "}
              {beforeTicket
                ? "We are already working on it: no need to open a ticket about this outage."
                : "We are working on it and will keep you posted."}
            </p>
          </AlertDescription>
        </Alert>
      ))}
    </div>
  );
}
