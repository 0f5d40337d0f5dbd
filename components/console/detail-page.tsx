"use client";

import * as React from "react";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { errorCode, QueryError } from "./errors";

// The frame of every console page that shows one record (a customer, a ticket, a job…): the way
// back to its list, a skeleton until the record is there, and an error with "Try again". The
// server page usually prefetches the record, so the skeleton shows only when it could not.

/** The state of the record's query, as TanStack Query's `useQuery` returns it. */
export type DetailQuery<T> = { data: T | undefined; isError: boolean; error: unknown; refetch: () => unknown };

export type DetailPageProps<T> = {
  query: DetailQuery<T>;
  /** What the page shows, for "Could not load this {what}" and "Loading {what}". */
  what: string;
  /** The list the record belongs to; null when the viewer may not open it. */
  back: { href: string; label: string } | null;
  /** A skeleton shaped like the page, instead of the default bars. */
  skeleton?: React.ReactNode;
  /** Shown instead of the error when the record does not exist (an old or mistyped link). */
  notFound?: React.ReactNode;
  /** Classes of the frame around back link and content (e.g. a narrow column on phones). */
  className?: string;
  /** Classes of the back link, added to its defaults. */
  backClassName?: string;
  children: (data: T) => React.ReactNode;
};

export function DetailPage<T>({
  query,
  what,
  back,
  skeleton,
  notFound,
  className,
  backClassName,
  children,
}: DetailPageProps<T>) {
  const frame = (content: React.ReactNode, withBack = true) => (
    <div className={className}>
      {withBack && back ? <BackLink {...back} className={backClassName} /> : null}
      {content}
    </div>
  );
  // A failed background refresh keeps the record on screen; only a record never loaded is an error.
  if (query.data === undefined) {
    if (query.isError) {
      if (notFound && errorCode(query.error) === "NOT_FOUND") return frame(notFound, false);
      return frame(<QueryError title={`Could not load this ${what}`} error={query.error} onRetry={query.refetch} />);
    }
    return (
      <div className={cn("space-y-4", className)} aria-busy="true" aria-label={`Loading ${what}`}>
        {skeleton ?? (
          <>
            <Skeleton className="h-8 w-72" />
            <Skeleton className="h-40 w-full" />
          </>
        )}
      </div>
    );
  }
  return frame(children(query.data));
}

/** "← Customers": back to the list a record belongs to. */
export function BackLink({ href, label, className }: { href: string; label: string; className?: string }) {
  return (
    <Link
      href={href}
      className={cn(
        "mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground",
        className,
      )}
    >
      <ArrowLeft aria-hidden className="size-4" />
      {label}
    </Link>
  );
}
