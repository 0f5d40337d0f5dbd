"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Inbox, Info } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { QueryError } from "../errors";
import { formatDateTime } from "../format";
import type { OutboxRow } from "../types";
import { pageFrom, useUrlState } from "../use-url-state";

const PAGE_SIZE = 20;

function ProviderBadge({ provider }: { provider: string }) {
  if (provider === "outbox") {
    return (
      <Badge variant="warning" title="No mail provider is configured, so this e-mail was only recorded here">
        Not delivered
      </Badge>
    );
  }
  return (
    <Badge variant="outline" className="capitalize">
      {provider}
    </Badge>
  );
}

export function OutboxView({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const query = useQuery(trpc.outbox.list.queryOptions({ page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }));
  const data = query.data;
  const [selected, setSelected] = React.useState<OutboxRow | null>(null);
  const undelivered = data?.rows.some((r) => r.provider === "outbox");

  return (
    <>
      <PageHeader
        title="Outbox"
        description={`E-mails sent on your company's behalf, newest first. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
      />
      {undelivered ? (
        <Alert className="mb-4">
          <Info aria-hidden />
          <AlertTitle>No mail provider is configured</AlertTitle>
          <AlertDescription>
            E-mails marked “Not delivered” were kept here instead of being sent. Open one to read it and follow its links, for example to
            accept an invitation.
          </AlertDescription>
        </Alert>
      ) : null}
      <Card className="overflow-hidden">
        {query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load the outbox" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading e-mails">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<Inbox />}
              title="No e-mail sent yet"
              description="Invitations and password-reset e-mails will appear here as soon as they are sent. Invite someone from the Users page to send the first."
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="pl-4">To</TableHead>
                  <TableHead>Subject</TableHead>
                  <TableHead className="hidden md:table-cell">Sent</TableHead>
                  <TableHead className="hidden pr-4 sm:table-cell">Provider</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((row) => (
                  <TableRow key={row.id} className="cursor-pointer" onClick={() => setSelected(row)}>
                    <TableCell className="max-w-48 truncate pl-4">{row.to}</TableCell>
                    <TableCell>
                      <button
                        type="button"
                        className="text-left font-medium text-primary underline-offset-4 hover:underline focus-visible:underline focus-visible:outline-none"
                        onClick={(e) => {
                          e.stopPropagation();
                          setSelected(row);
                        }}
                      >
                        {row.subject}
                      </button>
                      <div className="text-xs text-muted-foreground md:hidden">{formatDateTime(row.createdAt, timeZone)}</div>
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">{formatDateTime(row.createdAt, timeZone)}</TableCell>
                    <TableCell className="hidden pr-4 sm:table-cell">
                      <ProviderBadge provider={row.provider} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
        {data && data.total > 0 ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 e-mail" : `${data.total} e-mails`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? (
              <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} />
            ) : null}
          </div>
        ) : null}
      </Card>

      <Dialog open={!!selected} onOpenChange={(o) => (!o ? setSelected(null) : undefined)}>
        <DialogContent className="sm:max-w-2xl">
          {selected ? (
            <>
              <DialogHeader>
                <DialogTitle className="leading-snug">{selected.subject}</DialogTitle>
                <DialogDescription>
                  To {selected.to} · {formatDateTime(selected.createdAt, timeZone)}
                </DialogDescription>
              </DialogHeader>
              <div className="flex items-center gap-2 text-sm text-muted-foreground">
                Provider: <ProviderBadge provider={selected.provider} />
              </div>
              <div className="rounded-lg border bg-muted/30 p-4" data-testid="outbox-body">
                <p className="mb-2 text-xs font-medium text-muted-foreground">Text version</p>
                <div className="text-sm leading-relaxed break-words whitespace-pre-wrap">
                  <LinkifiedText text={selected.text} />
                </div>
              </div>
            </>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

const URL_RE = /(https?:\/\/[^\s<>"'\]\)]+)/g;

/** Plain text with its http(s) links clickable (the e-mail's own links: invitations, resets). */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(URL_RE);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <React.Fragment key={i}>{part}</React.Fragment>;
        const trail = /[.,;:!?]+$/.exec(part)?.[0] ?? "";
        const href = trail ? part.slice(0, -trail.length) : part;
        return (
          <React.Fragment key={i}>
            <a href={href} className="font-medium break-all text-primary underline underline-offset-4" target="_blank" rel="noreferrer">
              {href}
            </a>
            {trail}
          </React.Fragment>
        );
      })}
    </>
  );
}
