"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { LifeBuoy, Star } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CustomerStatusBadge } from "./status";

/** The home page's Support card: open tickets (and ones waiting for a rating), and a way to open one. */
export function SupportCard({ companyName }: { companyName: string }) {
  const trpc = useTRPC();
  const open = useQuery(trpc.portal.tickets.list.queryOptions({ state: "open", page: 1, pageSize: 3 }));
  const rows = open.data?.rows ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <LifeBuoy aria-hidden className="size-4" /> Support
        </CardTitle>
        <CardDescription>
          {open.data
            ? open.data.total
              ? `${open.data.total} open ticket${open.data.total === 1 ? "" : "s"}`
              : `No open tickets. Something wrong? Tell ${companyName}.`
            : "Your tickets"}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {rows.length ? (
          <ul className="grid gap-1 text-sm" aria-label="Open tickets">
            {rows.map((t) => (
              <li key={t.id}>
                <Link
                  href={`/portal/support/${t.id}`}
                  className="flex items-center justify-between gap-2 rounded-md py-1 hover:underline"
                >
                  <span className="truncate">
                    <span className="font-mono text-xs text-muted-foreground">{t.numberLabel}</span> {t.subject}
                  </span>
                  {t.awaitingRating ? (
                    <Badge variant="warning">
                      <Star aria-hidden />
                      Rate us
                    </Badge>
                  ) : (
                    <CustomerStatusBadge status={t.status} label={t.statusLabel} />
                  )}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button asChild size="sm">
            <Link href="/portal/support/new">Open a ticket</Link>
          </Button>
          <Button asChild size="sm" variant="outline">
            <Link href="/portal/support">All tickets</Link>
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
