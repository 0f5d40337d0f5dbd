"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { SOURCE_LABELS } from "@/server/modules/leads/schema";
import { QueryError } from "../errors";

const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;

/** Won / all leads, by source and by owner. */
export function ConversionCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.leads.conversionRates.queryOptions());
  return (
    <Card className="content-start">
      <CardHeader>
        <CardTitle>Conversion rate</CardTitle>
        <CardDescription>Leads won (converted into customers) out of all leads.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ) : !query.data ? (
          <Skeleton className="h-32 w-full" />
        ) : query.data.bySource.length === 0 ? (
          <p className="text-sm text-muted-foreground">No leads yet: rates appear once you add some.</p>
        ) : (
          <>
            <Rates
              title="By source"
              rows={query.data.bySource.map((r) => ({ key: r.source, label: SOURCE_LABELS[r.source], ...r }))}
            />
            <Rates
              title="By owner"
              rows={query.data.byOwner.map((r) => ({ key: r.ownerId ?? "none", label: r.ownerName, ...r }))}
            />
          </>
        )}
      </CardContent>
    </Card>
  );
}

function Rates({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; label: string; won: number; total: number; rateBps: number }[];
}) {
  return (
    <div>
      <h4 className="mb-2 text-sm font-medium">{title}</h4>
      <ul className="grid gap-2">
        {rows.map((r) => (
          <li key={r.key} className="grid gap-1">
            <div className="flex justify-between gap-2 text-sm">
              <span className="truncate">{r.label}</span>
              <span className="whitespace-nowrap text-muted-foreground">
                {percent(r.rateBps)} · {r.won}/{r.total}
              </span>
            </div>
            <div className="h-1.5 rounded-full bg-muted" aria-hidden>
              <div className="h-1.5 rounded-full bg-primary" style={{ width: `${r.rateBps / 100}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
