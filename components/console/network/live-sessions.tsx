"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Unplug, Wifi } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { formatBytes } from "@/components/portal/dashboard";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useToast } from "@/components/ui/toast";
import { COA_REASON_LABELS, COA_RESULT_LABELS } from "@/server/modules/nas/schema";
import { STALE_CAUSE, staleCauseLabel } from "@/server/modules/radius/schema";
import {
  DataList,
  DataTable,
  FilterSelect,
  ListBody,
  ListToolbar,
  SearchBox,
  useListUrl,
  type Columns,
} from "../data-list";
import { errorMessage } from "../errors";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { onlineListInput } from "./list-query";

// Who is online now (Network → Online sessions) and, on the customer page, each subscription's
// live sessions with the last Disconnect/CoA requests sent to its NAS. "Disconnect" records a
// Disconnect-Request that is sent in the background; the lists look again every second while a
// request is still being sent, so the NAS's answer (or its silence) shows up by itself.

type Session = RouterOutputs["nas"]["online"]["rows"][number];
type Request = RouterOutputs["nas"]["forCustomer"]["requests"][number];
type Ended = RouterOutputs["nas"]["forCustomer"]["ended"][number];

const POLL_MS = 1000;
const pending = (requests: ({ result: string } | null)[]) => requests.some((r) => r?.result === "PENDING");

const RESULT_VARIANT = {
  PENDING: "secondary",
  ACK: "success",
  NAK: "destructive",
  TIMEOUT: "warning",
  NO_NAS: "warning",
} as const;

/** A request's outcome, with the NAS's reason (or ours) beside it. */
export function CoaOutcome({ request }: { request: Pick<Request, "kind" | "result" | "error" | "attempts"> }) {
  return (
    <div className="space-y-0.5">
      <Badge variant={RESULT_VARIANT[request.result]}>
        {request.kind === "DISCONNECT" ? "Disconnect" : "CoA"}: {COA_RESULT_LABELS[request.result]}
      </Badge>
      {request.error ? <div className="text-xs text-muted-foreground">{request.error}</div> : null}
      {request.attempts > 1 ? <div className="text-xs text-muted-foreground">{request.attempts} attempts</div> : null}
    </div>
  );
}

function DisconnectButton({ session }: { session: Pick<Session, "id" | "username"> }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const disconnect = useMutation(
    trpc.nas.disconnect.mutationOptions({
      onSuccess: async (r) => {
        toast(
          r.result === "NO_NAS"
            ? { variant: "destructive", title: "Not sent", description: r.error ?? undefined }
            : {
                variant: "success",
                title: `Disconnecting ${session.username}`,
                description: "Waiting for the NAS to answer.",
              },
        );
        await queryClient.invalidateQueries(trpc.nas.pathFilter());
      },
      onError: (e) => toast({ variant: "destructive", title: "Could not disconnect", description: errorMessage(e) }),
    }),
  );
  return (
    <Button
      size="sm"
      variant="outline"
      disabled={disconnect.isPending}
      onClick={() => disconnect.mutate({ sessionId: session.id })}
    >
      <Unplug aria-hidden />
      Disconnect<span className="sr-only"> {session.username}</span>
    </Button>
  );
}

function sessionColumns(timeZone: string, canDisconnect: boolean, withSubscriber: boolean): Columns<Session> {
  return [
    {
      label: "Username",
      cell: (s) => (
        <>
          <div className="font-mono text-sm">{s.username}</div>
          {withSubscriber && s.subscriber ? (
            <Link
              href={`/customers/${s.subscriber.customerId}`}
              className="text-xs text-muted-foreground underline-offset-4 hover:underline"
            >
              {s.subscriber.customerName} · {s.subscriber.packageName}
            </Link>
          ) : null}
        </>
      ),
    },
    {
      label: "NAS",
      className: "hidden md:table-cell",
      cell: (s) => (
        <>
          <div>{s.nas?.name ?? <span className="text-muted-foreground">Not registered</span>}</div>
          <div className="font-mono text-xs text-muted-foreground">{s.nasIp ?? "—"}</div>
        </>
      ),
    },
    {
      label: "Address",
      className: "hidden lg:table-cell",
      cellClassName: "font-mono text-xs",
      cell: (s) => (
        <>
          {s.framedIp ?? "—"}
          {s.callingStation ? <div className="text-muted-foreground">{s.callingStation}</div> : null}
        </>
      ),
    },
    {
      label: "Online since",
      className: "hidden sm:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (s) => formatDateTime(s.startedAt, timeZone),
    },
    {
      label: "Data",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-xs",
      cell: (s) => `↓ ${formatBytes(s.outputBytes)} · ↑ ${formatBytes(s.inputBytes)}`,
    },
    {
      label: "Last request",
      cell: (s) => (s.lastRequest ? <CoaOutcome request={s.lastRequest} /> : "—"),
    },
    canDisconnect && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cell: (s) => <DisconnectButton session={s} />,
    },
  ];
}

export function OnlineSessionsView({ canDisconnect }: { canDisconnect: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["nas", "site"]);
  const input = onlineListInput(list);
  const timeZone = useQuery(trpc.companies.current.queryOptions()).data?.timeZone ?? "UTC";
  const nas = useQuery(trpc.nas.options.queryOptions());
  const sites = useQuery(trpc.ipam.sites.options.queryOptions());
  const query = useQuery(
    trpc.nas.online.queryOptions(input, {
      placeholderData: keepPreviousData,
      refetchInterval: (q) => (pending(q.state.data?.rows.map((r) => r.lastRequest) ?? []) ? POLL_MS : false),
    }),
  );
  return (
    <>
      <PageHeader
        title="Online sessions"
        description="Subscribers online now, from RADIUS accounting: on which NAS, since when, and how much they used in this session."
      />
      <DataList
        query={query}
        data={query.data}
        noun={["session", "sessions"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="online-search"
              label="Search username"
              placeholder="PPPoE login or voucher code"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="online-nas"
              label="NAS"
              allLabel="All NAS"
              value={input.nasId}
              onChange={(v) => list.setFilter({ nas: v })}
              options={(nas.data ?? []).map((n) => ({ value: n.id, label: `${n.name} (${n.ipAddress})` }))}
              className="sm:w-56"
            />
            <FilterSelect
              id="online-site"
              label="Site"
              allLabel="All sites"
              value={input.siteId}
              onChange={(v) => list.setFilter({ site: v })}
              options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              className="sm:w-48"
            />
          </ListToolbar>
        }
        columns={sessionColumns(timeZone, canDisconnect, true)}
        rowKey={(s) => s.id}
        empty={{
          icon: <Wifi />,
          title: "Nobody is online",
          description:
            "Sessions appear here when your FreeRADIUS server reports accounting starts (Settings → RADIUS servers). Register each router under Network → NAS to disconnect sessions from here.",
        }}
        noMatch={
          list.filtered && {
            title: "No sessions match",
            description: "Try another username, NAS or site.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

/** The customer page's card: live sessions of the customer's subscriptions and the last Disconnect/CoA requests. */
export function CustomerLiveNetwork({ customerId, canDisconnect }: { customerId: string; canDisconnect: boolean }) {
  const trpc = useTRPC();
  const timeZone = useQuery(trpc.companies.current.queryOptions()).data?.timeZone ?? "UTC";
  const live = useQuery(
    trpc.nas.forCustomer.queryOptions(
      { customerId },
      {
        refetchInterval: (q) =>
          pending([...(q.state.data?.requests ?? []), ...(q.state.data?.sessions.map((s) => s.lastRequest) ?? [])])
            ? POLL_MS
            : false,
      },
    ),
  );
  // After how long a silent session is closed: the company's setting, for the recent sessions' "why it ended".
  const radiusSettings = useQuery(trpc.radius.settings.queryOptions());
  const requestColumns: Columns<Request> = [
    {
      label: "Sent",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (r) => formatDateTime(r.requestedAt, timeZone),
    },
    { label: "Why", cell: (r) => COA_REASON_LABELS[r.reason] },
    {
      label: "Session",
      className: "hidden md:table-cell",
      cell: (r) => (
        <>
          <div className="font-mono text-xs">{r.username}</div>
          <div className="text-xs text-muted-foreground">
            {r.nas?.name ?? r.nasIp ?? "—"} · {r.acctSessionId}
          </div>
        </>
      ),
    },
    { label: "Outcome", cell: (r) => <CoaOutcome request={r} /> },
  ];
  const endedColumns: Columns<Ended> = [
    { label: "Username", cellClassName: "font-mono text-sm", cell: (s) => s.username },
    {
      label: "Online",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (s) => (
        <>
          {formatDateTime(s.startedAt, timeZone)}
          <div>to {s.stoppedAt ? formatDateTime(s.stoppedAt, timeZone) : "—"}</div>
        </>
      ),
    },
    {
      label: "Data",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-xs",
      cell: (s) => `↓ ${formatBytes(s.outputBytes)} · ↑ ${formatBytes(s.inputBytes)}`,
    },
    {
      label: "Ended",
      cell: (s) =>
        s.terminateCause === STALE_CAUSE ? (
          <Badge variant="warning">{staleCauseLabel(radiusSettings.data?.staleSessionMinutes ?? null)}</Badge>
        ) : (
          (s.terminateCause ?? "—")
        ),
    },
  ];
  return (
    <Card id="live-network">
      <CardHeader>
        <CardTitle>Online now</CardTitle>
        <CardDescription>
          This customer&apos;s live sessions, what was last sent to their router (disconnects on suspension, speed
          changes on a package change), and the sessions that ended last.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6 p-0 pb-4">
        <ListBody
          query={live}
          rows={live.data?.sessions}
          errorTitle="Could not load live sessions"
          skeleton={{ label: "Loading live sessions", rows: 1 }}
          empty={{
            icon: <Wifi />,
            title: "Offline",
            description: "No session of this customer is online now.",
          }}
        >
          {(rows) => (
            <DataTable rows={rows} columns={sessionColumns(timeZone, canDisconnect, false)} rowKey={(s) => s.id} />
          )}
        </ListBody>
        {live.data?.requests.length ? (
          <section aria-label="Disconnect and CoA requests">
            <h3 className="px-6 pb-2 text-sm font-medium">Disconnect and CoA requests</h3>
            <DataTable rows={live.data.requests} columns={requestColumns} rowKey={(r) => r.id} />
          </section>
        ) : null}
        {live.data?.ended.length ? (
          <section aria-label="Recent sessions">
            <h3 className="px-6 pb-2 text-sm font-medium">Recent sessions</h3>
            <DataTable rows={live.data.ended} columns={endedColumns} rowKey={(s) => s.id} />
          </section>
        ) : null}
      </CardContent>
    </Card>
  );
}
