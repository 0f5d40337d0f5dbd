"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Inbox, Info } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DataList, useListUrl, type Columns } from "../data-list";
import { formatDateTime } from "../format";
import type { OutboxRow } from "../types";

const PAGE_SIZE = 20;

function StatusBadge({ row }: { row: Pick<OutboxRow, "status" | "provider" | "failure"> }) {
  switch (row.status) {
    case "NOT_SENT":
      return (
        <Badge variant="warning" title="No mail provider is configured, so this e-mail was only recorded here">
          Not delivered
        </Badge>
      );
    case "QUEUED":
      return (
        <Badge variant="outline" title="Waiting to be handed to the mail provider">
          Queued
        </Badge>
      );
    case "FAILED":
      return (
        <Badge variant="destructive" title={row.failure ?? undefined}>
          Failed
        </Badge>
      );
    case "SENT":
      return (
        <Badge variant="outline" title={`Handed to ${row.provider}`}>
          Sent
        </Badge>
      );
  }
}

export function OutboxView({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const list = useListUrl([]);
  const query = useQuery(
    trpc.outbox.list.queryOptions({ page: list.page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }),
  );
  const [selected, setSelected] = React.useState<OutboxRow | null>(null);
  const undelivered = query.data?.rows.some((r) => r.status === "NOT_SENT");
  const columns: Columns<OutboxRow> = [
    { label: "To", cellClassName: "max-w-48 truncate", cell: (row) => row.to },
    {
      label: "Subject",
      cell: (row) => (
        <>
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
        </>
      ),
    },
    {
      label: "Sent",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (row) => formatDateTime(row.createdAt, timeZone),
    },
    { label: "Status", className: "hidden sm:table-cell", cell: (row) => <StatusBadge row={row} /> },
  ];

  return (
    <>
      <PageHeader
        title="Outbox"
        description={`E-mails sent on your company's behalf, newest first, with the tokens of their sign-in links masked. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
      />
      {undelivered ? (
        <Alert className="mb-4">
          <Info aria-hidden />
          <AlertTitle>No mail provider is configured</AlertTitle>
          <AlertDescription>
            E-mails marked “Not delivered” were kept here instead of being sent. Their invitation and reset links are
            masked, so nobody can use them from here: set up a mail provider (RESEND_API_KEY), then send the invitation
            or ask for the reset again.
          </AlertDescription>
        </Alert>
      ) : null}
      <DataList
        query={query}
        data={query.data}
        noun={["e-mail", "e-mails"]}
        countOnly
        errorTitle="Could not load the outbox"
        skeleton={{ bars: ["h-6 w-full"] }}
        columns={columns}
        rowKey={(row) => row.id}
        rowProps={(row) => ({ className: "cursor-pointer", onClick: () => setSelected(row) })}
        empty={{
          icon: <Inbox />,
          title: "No e-mail sent yet",
          description:
            "Invitations and password-reset e-mails will appear here as soon as they are sent. Invite someone from the Users page to send the first.",
        }}
        onPageChange={list.setPage}
      />

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
                Status: <StatusBadge row={selected} />
                {selected.status === "FAILED" && selected.failure ? <span>{selected.failure}</span> : null}
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

/** Plain text with its http(s) links clickable (the e-mail's own links; sign-in tokens are masked). */
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
            <a
              href={href}
              className="font-medium break-all text-primary underline underline-offset-4"
              target="_blank"
              rel="noreferrer"
            >
              {href}
            </a>
            {trail}
          </React.Fragment>
        );
      })}
    </>
  );
}
