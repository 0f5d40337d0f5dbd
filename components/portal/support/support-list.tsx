"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRight, LifeBuoy, Plus, Star } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { QueryError } from "@/components/console/errors";
import { formatDate } from "@/components/console/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { CustomerStatusBadge } from "./status";

const TABS = [
  { value: "open", label: "Open" },
  { value: "closed", label: "Resolved" },
  { value: "all", label: "All" },
] as const;
type Tab = (typeof TABS)[number]["value"];

/** The customer's own tickets: open ones first, a tap opens the conversation. */
export function SupportList({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const tab: Tab = (TABS.find((t) => t.value === params.get("show"))?.value ?? "all") as Tab;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const query = useQuery(
    trpc.portal.tickets.list.queryOptions({ state: tab, page, pageSize: 20 }, { placeholderData: keepPreviousData }),
  );
  const go = (next: { show?: Tab; page?: number }) => {
    const qs = new URLSearchParams();
    const show = next.show ?? tab;
    if (show !== "all") qs.set("show", show);
    if (next.page && next.page > 1) qs.set("page", String(next.page));
    router.replace(qs.size ? `/portal/support?${qs}` : "/portal/support", { scroll: false });
  };

  return (
    <div className="grid gap-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Support</h1>
          <p className="text-sm text-muted-foreground">Your questions and problems, and our answers.</p>
        </div>
        <Button asChild className="h-11">
          <Link href="/portal/support/new">
            <Plus aria-hidden />
            New ticket
          </Link>
        </Button>
      </div>

      <div role="tablist" aria-label="Which tickets" className="inline-flex w-fit rounded-lg border bg-background p-1">
        {TABS.map((t) => (
          <button
            key={t.value}
            role="tab"
            type="button"
            aria-selected={tab === t.value}
            onClick={() => go({ show: t.value })}
            className={cn(
              "rounded-md px-4 py-1.5 text-sm font-medium",
              tab === t.value ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>

      {query.isError ? (
        <QueryError title="Could not load your tickets" error={query.error} onRetry={() => query.refetch()} />
      ) : null}
      {!query.data && !query.isError ? (
        <div className="grid gap-3" aria-busy="true" aria-label="Loading your tickets">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : null}
      {query.data && query.data.rows.length === 0 ? (
        <EmptyState
          icon={<LifeBuoy />}
          title={tab === "open" ? "No open tickets" : tab === "closed" ? "Nothing resolved yet" : "No tickets yet"}
          description="Something not working? Open a ticket: we reply here and by e-mail."
          action={
            <Button asChild>
              <Link href="/portal/support/new">Open a ticket</Link>
            </Button>
          }
        />
      ) : null}
      {query.data?.rows.length ? (
        <ul className="grid gap-3" aria-label="Your tickets">
          {query.data.rows.map((t) => (
            <li key={t.id}>
              <Link
                href={`/portal/support/${t.id}`}
                className="flex items-center gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              >
                <span className="min-w-0 flex-1">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-xs text-muted-foreground">{t.numberLabel}</span>
                    <CustomerStatusBadge status={t.status} label={t.statusLabel} />
                    {t.awaitingRating ? (
                      <Badge variant="warning">
                        <Star aria-hidden />
                        Rate us
                      </Badge>
                    ) : null}
                  </span>
                  <span className="mt-1 block truncate font-medium">{t.subject}</span>
                  <span className="block text-xs text-muted-foreground">
                    {t.category} · updated {formatDate(t.updatedAt, timeZone)}
                    {t.mergedInto ? ` · merged into ${t.mergedInto.numberLabel}` : ""}
                  </span>
                </span>
                <ChevronRight aria-hidden className="size-5 shrink-0 text-muted-foreground" />
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {query.data && query.data.pageCount > 1 ? (
        <Pagination page={query.data.page} pageCount={query.data.pageCount} onPageChange={(p) => go({ page: p })} />
      ) : null}
    </div>
  );
}
