"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatBytes } from "@/components/portal/dashboard";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { QueryError } from "../errors";
import type { Period } from "./period";
import { formatAccountNumber } from "@/server/modules/customers/schema";

// The subscriptions that moved the most data in the period (RADIUS usage).

export function TopUsersCard({ period }: { period: Period }) {
  const trpc = useTRPC();
  const query = useQuery(
    trpc.monitoring.topUsers.queryOptions(
      { from: period.from, to: period.to, limit: 10 },
      { placeholderData: keepPreviousData },
    ),
  );
  if (query.isError)
    return <QueryError title="Could not load the top users" error={query.error} onRetry={() => query.refetch()} />;
  const t = query.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Top users</CardTitle>
        <CardDescription>
          {t
            ? `${formatBytes(t.totalBytes)} moved by ${t.subscriptions} subscription${t.subscriptions === 1 ? "" : "s"}, ${period.label.toLowerCase()}${t.source === "DAY" ? " (whole days)" : ""}.`
            : "Data moved per subscription."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {!t ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : t.rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No usage recorded in this period. Usage comes from RADIUS accounting (interim updates every few minutes);
            check that your NAS sends accounting to Lastmile.
          </p>
        ) : (
          <Table aria-label="Top users">
            <TableHeader>
              <TableRow>
                <TableHead>Customer</TableHead>
                <TableHead className="hidden md:table-cell">Package</TableHead>
                <TableHead className="text-right">Download</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Upload</TableHead>
                <TableHead className="text-right">Share</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {t.rows.map((r) => (
                <TableRow key={r.subscriptionId}>
                  <TableCell>
                    {r.customerId ? (
                      <Link
                        href={`/customers/${r.customerId}`}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        {r.customerName}
                      </Link>
                    ) : (
                      r.customerName
                    )}
                    <div className="text-xs text-muted-foreground">
                      {[r.accountNumber !== null ? formatAccountNumber(r.accountNumber) : null, r.username]
                        .filter(Boolean)
                        .join(" · ")}
                    </div>
                  </TableCell>
                  <TableCell className="hidden text-muted-foreground md:table-cell">{r.packageName ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatBytes(r.downloadBytes)}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {formatBytes(r.uploadBytes)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{(r.shareBps / 100).toFixed(1)} %</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
