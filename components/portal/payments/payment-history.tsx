"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatDate } from "@/components/console/format";
import type { RouterOutputs } from "@/components/console/types";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/server/lib/money";
import { METHOD_LABELS, PAYMENT_STATUS_LABELS } from "@/server/modules/payments/schema";

type PaymentRow = RouterOutputs["portal"]["billing"]["payments"]["rows"][number];

/** The customer's payments, each with its receipt once it has gone through. */
export function PaymentsList({ rows, timeZone }: { rows: PaymentRow[]; timeZone: string }) {
  return (
    <ul className="grid gap-2 text-sm" aria-label="Payments">
      {rows.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-md border p-2">
          <span className="min-w-0">
            <span className="block font-medium">{p.receipt ?? METHOD_LABELS[p.method]}</span>
            <span className="block text-muted-foreground">
              {formatDate(p.receivedAt ?? p.createdAt, timeZone)} · {METHOD_LABELS[p.method]}
              {p.reference ? ` · ${p.reference}` : ""}
            </span>
          </span>
          <span className="flex items-center gap-3">
            <Badge variant={p.status === "FAILED" ? "destructive" : p.status === "PENDING" ? "outline" : "secondary"}>
              {PAYMENT_STATUS_LABELS[p.status]}
            </Badge>
            <span className="font-medium tabular-nums">{formatMoney(p.amountMinor, p.currency)}</span>
            {p.receipt && p.status !== "PENDING" && p.status !== "FAILED" ? (
              <Link href={`/portal/payments/${p.id}/receipt`} className="underline-offset-4 hover:underline">
                Receipt
              </Link>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Under the billing card's invoices: the last few payments and the way to all of them. */
export function PaymentHistoryPreview({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.billing.payments.queryOptions({ pageSize: 3 }));
  return (
    <section className="grid gap-2" aria-labelledby="recent-payments">
      <h3 id="recent-payments" className="text-sm font-medium">
        Recent payments
      </h3>
      {query.error ? <p className="text-sm text-destructive">{query.error.message}</p> : null}
      {query.data?.total === 0 ? (
        <p className="text-sm text-muted-foreground">No payments yet. When you pay, your receipt appears here.</p>
      ) : null}
      {query.data?.rows.length ? <PaymentsList rows={query.data.rows} timeZone={timeZone} /> : null}
      <Link href="/portal/payments" className="text-sm underline underline-offset-4">
        Payment history and bank transfers
      </Link>
    </section>
  );
}

/** The payments page's list: every payment, newest first. */
export function PortalPayments({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const query = useQuery(
    trpc.portal.billing.payments.queryOptions({ page, pageSize: 20 }, { placeholderData: keepPreviousData }),
  );
  return (
    <section className="grid gap-3" aria-labelledby="payments-heading">
      <h2 id="payments-heading" className="font-medium">
        Payments
      </h2>
      {query.isLoading ? <Spinner label="Loading your payments" /> : null}
      {query.error ? <p className="text-sm text-destructive">{query.error.message}</p> : null}
      {query.data?.total === 0 ? (
        <p className="text-sm text-muted-foreground">
          No payments yet. Pay from your invoices with &ldquo;Pay now&rdquo;, or tell us about a bank transfer below.
        </p>
      ) : null}
      {query.data?.rows.length ? <PaymentsList rows={query.data.rows} timeZone={timeZone} /> : null}
      {query.data && query.data.pageCount > 1 ? (
        <Pagination
          page={query.data.page}
          pageCount={query.data.pageCount}
          onPageChange={(p) =>
            router.replace(p > 1 ? `/portal/payments?page=${p}` : "/portal/payments", { scroll: false })
          }
        />
      ) : null}
    </section>
  );
}
