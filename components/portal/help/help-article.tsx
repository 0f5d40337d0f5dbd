"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { QueryError } from "@/components/console/errors";
import { formatDate } from "@/components/console/format";
import { Markdown } from "@/components/kb/markdown";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** One public article in the portal; opening it counts one view. */
export function HelpArticle({ slug, timeZone }: { slug: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.kb.helpArticle.queryOptions({ slug }));
  const viewed = useMutation(trpc.kb.helpViewed.mutationOptions());
  const counted = React.useRef<string | null>(null);
  const loaded = !!query.data;
  React.useEffect(() => {
    // Once per article and page visit, not on every refetch.
    if (loaded && counted.current !== slug) {
      counted.current = slug;
      viewed.mutate({ slug });
    }
  }, [loaded, slug, viewed]);

  const back = (
    <Link
      href="/portal/help"
      className="inline-flex min-h-10 items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden className="size-4" />
      Help
    </Link>
  );
  if (query.isError) {
    return (
      <div className="grid gap-4">
        {back}
        <QueryError title="This article is not available" error={query.error} />
      </div>
    );
  }
  const a = query.data;
  if (!a) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading article">
        <Skeleton className="h-8 w-2/3" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  }
  return (
    <article className="grid gap-4">
      {back}
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">{a.title}</h1>
        <p className="text-sm text-muted-foreground">
          {a.category ? `${a.category.name} · ` : ""}Updated {formatDate(a.updatedAt, timeZone)}
        </p>
      </header>
      <Card>
        <CardContent className="pt-6">
          <Markdown>{a.body}</Markdown>
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">
        Still stuck? Open a ticket from your account page and tell us what you tried.
      </p>
    </article>
  );
}
