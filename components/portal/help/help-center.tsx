"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { BookOpen, ChevronRight } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { QueryError } from "@/components/console/errors";
import { Snippet } from "@/components/kb/snippet";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SearchInput } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/components/ui/cn";

/** The portal's help centre: search, categories, and the articles of either. State lives in the URL. */
export function HelpCenter() {
  const trpc = useTRPC();
  const router = useRouter();
  const params = useSearchParams();
  const search = params.get("q") ?? "";
  const categoryId = params.get("category") ?? "";
  const [text, setText] = React.useState(search);
  // The box follows the URL when it changes (back button, a category link).
  const [shown, setShown] = React.useState(search);
  if (search !== shown) {
    setShown(search);
    setText(search);
  }
  const query = useQuery(
    trpc.kb.help.queryOptions({ search: search || undefined, categoryId: categoryId || undefined }),
  );

  const go = (next: { q?: string; category?: string }) => {
    const qs = new URLSearchParams();
    if (next.q) qs.set("q", next.q);
    if (next.category) qs.set("category", next.category);
    router.replace(qs.size ? `/portal/help?${qs}` : "/portal/help", { scroll: false });
  };

  const data = query.data;
  const categoryName = data?.categories.find((c) => c.id === categoryId)?.name;
  return (
    <div className="grid gap-5">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Help</h1>
        <p className="text-sm text-muted-foreground">
          Answers to common questions. Can&apos;t find yours? Open a ticket and we&apos;ll help.
        </p>
      </div>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: text.trim(), category: categoryId });
        }}
        className="flex gap-2"
      >
        <SearchInput
          boxClassName="flex-1"
          aria-label="Search help articles"
          placeholder="e.g. slow wifi, pay bill, router"
          className="h-11 text-base"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" className="h-11">
          Search
        </Button>
      </form>

      {data && data.categories.length > 0 ? (
        <nav aria-label="Categories" className="flex flex-wrap gap-2">
          {[{ id: "", name: "All" }, ...data.categories].map((c) => (
            <button
              key={c.id || "all"}
              type="button"
              aria-pressed={categoryId === c.id}
              onClick={() => go({ q: search, category: c.id })}
              className={cn(
                "rounded-full border px-3 py-1.5 text-sm",
                categoryId === c.id
                  ? "border-primary bg-primary text-primary-foreground"
                  : "bg-background hover:bg-muted",
              )}
            >
              {c.name}
            </button>
          ))}
        </nav>
      ) : null}

      {query.isError ? (
        <QueryError title="Could not load the help articles" error={query.error} onRetry={() => query.refetch()} />
      ) : null}
      {!data && !query.isError ? (
        <div className="grid gap-3" aria-busy="true" aria-label="Loading articles">
          <Skeleton className="h-20 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : null}
      {data ? (
        data.articles.length === 0 ? (
          <EmptyState
            icon={<BookOpen />}
            title={search ? `Nothing found for “${search}”` : "No articles here yet"}
            description={
              search
                ? "Try other words, or open a ticket and describe the problem."
                : "Open a ticket and we will help you directly."
            }
            action={
              <Button variant="outline" asChild>
                <Link href="/portal">Back to your account</Link>
              </Button>
            }
          />
        ) : (
          <section aria-label={search ? "Search results" : (categoryName ?? "Articles")} className="grid gap-3">
            {search ? (
              <p className="text-sm text-muted-foreground">
                {data.articles.length === 1 ? "1 article" : `${data.articles.length} articles`}, best match first
              </p>
            ) : null}
            <ul className="grid gap-3">
              {data.articles.map((a) => (
                <li key={a.id}>
                  <Link
                    href={`/portal/help/${a.slug}`}
                    className="flex items-center gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block font-medium">{a.title}</span>
                      <Snippet parts={a.snippet} className="mt-1 line-clamp-2 text-sm text-muted-foreground" />
                      {a.category && !categoryId ? (
                        <span className="mt-1 block text-xs text-muted-foreground">{a.category.name}</span>
                      ) : null}
                    </span>
                    <ChevronRight aria-hidden className="size-5 shrink-0 text-muted-foreground" />
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )
      ) : null}
    </div>
  );
}
