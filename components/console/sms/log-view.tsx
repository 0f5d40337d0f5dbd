"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { MessageSquareOff, MessageSquareText } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { PROVIDER_LABELS, SMS_OFF_MESSAGE, SMS_STATUSES, STATUS_LABELS } from "@/server/modules/sms/schema";
import { SMS_TEMPLATES } from "@/server/modules/sms/templates";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDateTime } from "../format";
import { smsLogInput } from "./list-query";
import { SmsStatusBadge } from "./status-badge";
import type { SmsLogRow } from "./types";

export function SmsLogView({ timeZone, canManage }: { timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "status"]);
  const status = list.oneOf("status", SMS_STATUSES);
  const query = useQuery(trpc.sms.log.list.queryOptions(smsLogInput(list), { placeholderData: keepPreviousData }));
  const smsStatus = useQuery(trpc.sms.log.status.queryOptions());
  const [selected, setSelected] = React.useState<SmsLogRow | null>(null);

  const columns: Columns<SmsLogRow> = [
    {
      label: "To",
      cellClassName: "whitespace-nowrap font-mono text-xs",
      cell: (m) => (
        <button
          type="button"
          className="text-left font-medium text-primary underline-offset-4 hover:underline"
          onClick={(e) => {
            e.stopPropagation();
            setSelected(m);
          }}
        >
          {m.to}
        </button>
      ),
    },
    {
      label: "Message",
      cellClassName: "max-w-md",
      cell: (m) => (
        <>
          <p className="line-clamp-2 text-sm">{m.body}</p>
          {m.error ? <p className="mt-0.5 line-clamp-1 text-xs text-destructive">{m.error}</p> : null}
        </>
      ),
    },
    { label: "Status", cell: (m) => <SmsStatusBadge status={m.status} /> },
    {
      label: "Queued",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (m) => formatDateTime(m.createdAt, timeZone),
    },
  ];

  return (
    <>
      <PageHeader
        title="SMS log"
        description={`Every SMS sent to your customers, newest first, with the provider's answer. Times are in ${timeZone.replace(/_/g, " ")} time.`}
      />
      {smsStatus.data && !smsStatus.data.enabled ? (
        <Alert className="mb-4">
          <MessageSquareOff aria-hidden />
          <AlertTitle>SMS is switched off</AlertTitle>
          <AlertDescription>
            {canManage ? (
              <>
                Choose a provider and enter its account in{" "}
                <Link href="/settings/sms" className="font-medium underline underline-offset-4">
                  Settings → SMS
                </Link>
                ; until then nothing is sent by SMS.
              </>
            ) : (
              SMS_OFF_MESSAGE
            )}
          </AlertDescription>
        </Alert>
      ) : null}
      <DataList
        query={query}
        data={query.data}
        noun={["message", "messages"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="sms-search"
              label="Search messages"
              placeholder="Phone number or text"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="sms-status"
              label="Status"
              allLabel="All statuses"
              value={status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(SMS_STATUSES, STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(m) => m.id}
        rowProps={(m) => ({ className: "cursor-pointer", onClick: () => setSelected(m) })}
        empty={{
          icon: <MessageSquareText />,
          title: "No SMS sent yet",
          description: canManage
            ? "Messages appear here as they are sent. Send a test SMS from Settings → SMS to see the first."
            : "Messages appear here as they are sent: invoices, receipts, reminders and service notices.",
        }}
        noMatch={
          list.filtered && {
            title: "No messages match",
            description: "Try another number, text or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      <Dialog open={!!selected} onOpenChange={(o) => (!o ? setSelected(null) : undefined)}>
        <DialogContent className="sm:max-w-lg">
          {selected ? (
            <>
              <DialogHeader>
                <DialogTitle>SMS to {selected.to}</DialogTitle>
                <DialogDescription>Queued {formatDateTime(selected.createdAt, timeZone)}</DialogDescription>
              </DialogHeader>
              <p className="rounded-lg border bg-muted/30 p-3 text-sm whitespace-pre-wrap">{selected.body}</p>
              <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-muted-foreground">Status</dt>
                <dd>
                  <SmsStatusBadge status={selected.status} />
                </dd>
                {selected.error ? (
                  <>
                    <dt className="text-muted-foreground">Reason</dt>
                    <dd className="text-destructive">{selected.error}</dd>
                  </>
                ) : null}
                <dt className="text-muted-foreground">Provider</dt>
                <dd>{PROVIDER_LABELS[selected.provider]}</dd>
                <dt className="text-muted-foreground">Provider&rsquo;s id</dt>
                <dd className="font-mono text-xs break-all">{selected.providerMessageId ?? "—"}</dd>
                <dt className="text-muted-foreground">Parts</dt>
                <dd>{selected.segments}</dd>
                <dt className="text-muted-foreground">Cost</dt>
                <dd>{selected.cost ? `${selected.cost.currency} ${selected.cost.amount}` : "Not reported"}</dd>
                <dt className="text-muted-foreground">Template</dt>
                <dd>{selected.template ? SMS_TEMPLATES[selected.template].label : "None"}</dd>
                <dt className="text-muted-foreground">Sent</dt>
                <dd>{formatDateTime(selected.sentAt, timeZone)}</dd>
              </dl>
            </>
          ) : null}
        </DialogContent>
      </Dialog>
    </>
  );
}
