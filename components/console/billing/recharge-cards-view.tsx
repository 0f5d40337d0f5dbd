"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, Printer } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "@/server/lib/money";
import { QueryError } from "../errors";
import { formatDay } from "../format";

/** One batch's cards with their PINs, laid out to print and cut (opening it is audited). */
export function RechargeCardsView({ batchId, currency }: { batchId: string; currency: string }) {
  const trpc = useTRPC();
  const cards = useQuery(trpc.wallet.recharge.cards.queryOptions({ batchId }, { staleTime: Infinity }));
  if (cards.isError)
    return <QueryError title="Could not load the cards" error={cards.error} onRetry={() => cards.refetch()} />;
  if (!cards.data) return <Skeleton className="h-64 w-full" />;
  const { number, valueMinor, expiresOn } = cards.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <Button variant="ghost" size="sm" asChild>
          <Link href="/billing/recharge-vouchers">
            <ArrowLeft aria-hidden />
            Recharge vouchers
          </Link>
        </Button>
        <h1 className="text-lg font-semibold">
          Batch R{number}: {cards.data.cards.length} cards of {formatMoney(valueMinor, currency)}
        </h1>
        <Button onClick={() => window.print()}>
          <Printer aria-hidden />
          Print
        </Button>
      </div>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 print:grid-cols-3" aria-label="Cards">
        {cards.data.cards.map((c) => (
          <li key={c.serial} className="rounded-md border p-3 text-sm break-inside-avoid">
            <div className="flex items-center justify-between">
              <span className="font-semibold">{formatMoney(valueMinor, currency)}</span>
              <span className="text-xs text-muted-foreground">{c.serial}</span>
            </div>
            <div className="mt-2 font-mono text-base tracking-wider">{c.pin}</div>
            <div className="mt-1 text-xs text-muted-foreground">
              {expiresOn ? `Redeem by ${formatDay(expiresOn)}` : "Redeem in the portal: Wallet → Redeem a voucher"}
            </div>
            {c.redeemed || c.withdrawn ? (
              <Badge variant="outline" className="mt-1 print:hidden">
                {c.redeemed ? "Redeemed" : "Withdrawn"}
              </Badge>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
