"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, BellOff, GitMerge, Lock, Pencil, RefreshCw, Star, Truck, UserPlus, X } from "lucide-react";
import { CustomerLiveNetwork } from "../network/live-sessions";
import { useTRPC } from "@/components/trpc/client";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import {
  CHANNEL_LABELS,
  PRIORITY_LABELS,
  RATING_LABELS,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  TICKET_PRIORITIES,
} from "@/server/modules/tickets/schema";
import { STATUS_LABELS as WORK_ORDER_STATUS_LABELS } from "@/server/modules/work-orders/schema";
import { DetailPage } from "../detail-page";
import { formatDateTime, initials } from "../format";
import type { RouterOutputs } from "../types";
import { useToastAction } from "../use-toast-action";
import { PriorityBadge, TicketStatusBadge } from "./badges";
import { Composer } from "./composer";
import { EditTicketDialog } from "./edit-ticket-dialog";
import { MergeDialog } from "./merge-dialog";
import { SlaClockPanel } from "./sla-clock";

type Ticket = RouterOutputs["tickets"]["get"];

export type TicketViewProps = {
  id: string;
  timeZone: string;
  companyName: string;
  me: { id: string; name: string };
  canReply: boolean;
  canNote: boolean;
  canManage: boolean;
  /** work_orders:read and work_orders:manage: see the ticket's field visits, schedule one. */
  canSeeWork?: boolean;
  canScheduleWork?: boolean;
  /** online_sessions:read and :disconnect: the customer's live sessions while working the ticket. */
  canSeeSessions?: boolean;
  canDisconnect?: boolean;
};

/** The ticket page: the conversation and composer on the left, what the ticket is and its clocks on the right. */
export function TicketView({ id, ...props }: TicketViewProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.tickets.get.queryOptions({ id }, { refetchInterval: 60_000 }));
  return (
    <DetailPage
      query={query}
      what="ticket"
      back={{ href: "/tickets", label: "Tickets" }}
      skeleton={
        <>
          <Skeleton className="h-8 w-96" />
          <Skeleton className="h-64 w-full" />
        </>
      }
    >
      {(t) => <TicketBody t={t} {...props} />}
    </DetailPage>
  );
}

function TicketBody({
  t,
  timeZone,
  companyName,
  me,
  canReply,
  canNote,
  canManage,
  canSeeWork = false,
  canScheduleWork = false,
  canSeeSessions = false,
  canDisconnect = false,
}: Omit<TicketViewProps, "id"> & { t: Ticket }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [merging, setMerging] = React.useState(false);
  const [editing, setEditing] = React.useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.tickets.pathFilter());

  const closedReason = t.mergedInto
    ? `This ticket was merged into ${t.mergedInto.numberLabel}; reply there.`
    : t.status === "CLOSED"
      ? "This ticket is closed: reopen it to reply to the customer. Internal notes are still possible."
      : null;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="font-mono text-muted-foreground">{t.numberLabel}</span>
            {t.subject}
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <TicketStatusBadge status={t.status} />
            <PriorityBadge priority={t.priority} />
            <span>
              {t.category.name} · {CHANNEL_LABELS[t.channel]} · opened {formatDateTime(t.createdAt, timeZone)}
            </span>
          </span>
        }
        actions={
          <>
            <WatchButton ticket={t} />
            {canManage ? (
              <Button variant="outline" onClick={() => setEditing(true)}>
                <Pencil aria-hidden />
                Edit
              </Button>
            ) : null}
            {canScheduleWork && !t.mergedInto && t.status !== "CLOSED" ? (
              <Button variant="outline" asChild>
                <Link href={`/work-orders?new=1&ticketId=${t.id}`}>
                  <Truck aria-hidden />
                  New work order
                </Link>
              </Button>
            ) : null}
            {canManage && !t.mergedInto ? (
              <Button variant="outline" onClick={() => setMerging(true)}>
                <GitMerge aria-hidden />
                Merge…
              </Button>
            ) : null}
          </>
        }
      />

      {t.mergedInto ? (
        <Alert className="mb-6">
          <GitMerge aria-hidden />
          <AlertTitle>Merged into {t.mergedInto.numberLabel}</AlertTitle>
          <AlertDescription>
            <p>
              This ticket is a duplicate and was closed. Continue on{" "}
              <Link className="text-primary underline" href={`/tickets/${t.mergedInto.id}`}>
                {t.mergedInto.numberLabel} {t.mergedInto.subject}
              </Link>
              .
            </p>
          </AlertDescription>
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Description</CardTitle>
              <CardDescription>
                {t.requester
                  ? `From ${t.requester.name}`
                  : t.customer
                    ? `For ${t.customer.displayName}`
                    : "No customer"}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <p className="text-sm whitespace-pre-line">{t.description}</p>
              <AttachmentList items={t.attachments} label="Files on the ticket" />
            </CardContent>
          </Card>

          <section aria-label="Conversation" className="grid gap-3">
            <h2 className="text-lg font-semibold">Conversation</h2>
            {t.comments.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No replies yet. The first public reply stops the response clock.
              </p>
            ) : null}
            <ol className="grid gap-3">
              {t.comments.map((c) => (
                <Comment
                  key={c.id}
                  comment={c}
                  timeZone={timeZone}
                  customerName={t.customer?.displayName ?? "Customer"}
                />
              ))}
            </ol>
          </section>

          <Composer
            ticketId={t.id}
            numberLabel={t.numberLabel}
            customerName={t.customer?.displayName ?? null}
            agentName={me.name}
            companyName={companyName}
            canReply={canReply}
            canNote={canNote}
            closedReason={closedReason}
            onSent={refresh}
          />

          {canSeeSessions && t.customer ? (
            <CustomerLiveNetwork customerId={t.customer.id} canDisconnect={canDisconnect} />
          ) : null}

          <Card>
            <CardHeader>
              <CardTitle>Activity</CardTitle>
              <CardDescription>Every change to this ticket, who made it and when.</CardDescription>
            </CardHeader>
            <CardContent>
              <ol className="relative grid gap-3 border-l pl-4" aria-label="Ticket history">
                {[...t.events].reverse().map((e) => (
                  <li key={e.id} className="grid gap-0.5">
                    <span aria-hidden className="absolute -left-1.5 mt-1.5 size-3 rounded-full border bg-background" />
                    <p className="text-sm">{describeEvent(e)}</p>
                    <p className="text-xs text-muted-foreground">
                      {formatDateTime(e.createdAt, timeZone)}
                      {e.actorLabel ? ` · ${e.actorLabel}` : ""}
                    </p>
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-6">
          <Controls ticket={t} canReply={canReply} canManage={canManage} />
          <Card>
            <CardHeader>
              <CardTitle>SLA</CardTitle>
            </CardHeader>
            <CardContent>
              {t.clock ? (
                <SlaClockPanel
                  clock={t.clock}
                  timeZone={timeZone}
                  source={t.slaSource}
                  businessHours={t.calendarId !== null}
                />
              ) : (
                <p className="text-sm text-muted-foreground">No SLA.</p>
              )}
            </CardContent>
          </Card>
          <CustomerCard ticket={t} />
          {canSeeWork ? <FieldVisitsCard ticketId={t.id} timeZone={timeZone} /> : null}
          <RoutingCard ticket={t} canManage={canManage} />
          <WatchersCard ticket={t} canManage={canManage} />
          {t.csat ? (
            <Card>
              <CardHeader>
                <CardTitle>Customer satisfaction</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-2 text-sm">
                <p className="flex items-center gap-1">
                  <span className="sr-only">Rated {t.csat.rating} out of 5:</span>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Star
                      key={n}
                      aria-hidden
                      className={cn(
                        "size-4",
                        n <= t.csat!.rating ? "fill-amber-400 text-amber-400" : "text-muted-foreground",
                      )}
                    />
                  ))}
                  <span className="ml-1">{RATING_LABELS[t.csat.rating]}</span>
                </p>
                {t.csat.comment ? (
                  <p className="whitespace-pre-line text-muted-foreground">“{t.csat.comment}”</p>
                ) : null}
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>

      {canManage ? <EditTicketDialog open={editing} onOpenChange={setEditing} ticket={t} onSaved={refresh} /> : null}
      {canManage ? (
        <MergeDialog
          open={merging}
          onOpenChange={setMerging}
          source={{ id: t.id, numberLabel: t.numberLabel, subject: t.subject, customerId: t.customer?.id ?? null }}
          onMerged={async (targetId) => {
            toast({
              variant: "success",
              title: `${t.numberLabel} merged`,
              description: "Opening the ticket it was merged into.",
            });
            await refresh();
            router.push(`/tickets/${targetId}`);
          }}
        />
      ) : null}
    </>
  );
}

function Comment({
  comment: c,
  timeZone,
  customerName,
}: {
  comment: Ticket["comments"][number];
  timeZone: string;
  customerName: string;
}) {
  const internal = c.visibility === "INTERNAL";
  const who =
    c.authorType === "CUSTOMER" ? customerName : c.authorType === "SYSTEM" ? "System" : (c.author?.name ?? "Staff");
  return (
    <li
      className={cn(
        "rounded-xl border p-4",
        internal
          ? "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/30"
          : c.authorType === "CUSTOMER"
            ? "bg-muted/40"
            : "bg-card",
      )}
      aria-label={internal ? `Internal note by ${who}` : `Reply by ${who}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-muted text-xs font-medium">
          {initials(who)}
        </span>
        <span className="font-medium">{who}</span>
        {c.authorType === "CUSTOMER" ? <Badge variant="outline">Customer</Badge> : null}
        {internal ? (
          <Badge variant="warning">
            <Lock aria-hidden />
            Internal note
          </Badge>
        ) : null}
        <span className="ml-auto text-xs text-muted-foreground">{formatDateTime(c.createdAt, timeZone)}</span>
      </div>
      <p className="text-sm whitespace-pre-line">{c.body}</p>
      <AttachmentList items={c.attachments} />
    </li>
  );
}

function Controls({ ticket: t, canReply, canManage }: { ticket: Ticket; canReply: boolean; canManage: boolean }) {
  const trpc = useTRPC();
  const options = useQuery(trpc.tickets.options.queryOptions());
  const setStatus = useMutation(trpc.tickets.setStatus.mutationOptions());
  const setPriority = useMutation(trpc.tickets.setPriority.mutationOptions());
  const assign = useMutation(trpc.tickets.assign.mutationOptions());
  const act = useToastAction(trpc.tickets.pathFilter());
  const run = (what: string, action: () => Promise<unknown>) =>
    act(async () => {
      await action();
      return what;
    }, "Not changed");
  const next = t.mergedInto ? [] : STATUS_TRANSITIONS[t.status].filter((s) => s !== "ASSIGNED" || t.assignee);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Ticket</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="ticket-status">Status</Label>
          <NativeSelect
            id="ticket-status"
            value={t.status}
            disabled={!canReply || next.length === 0 || setStatus.isPending}
            onChange={(e) => {
              const status = e.target.value as Ticket["status"];
              void run(`Status: ${STATUS_LABELS[status]}`, () => setStatus.mutateAsync({ id: t.id, status }));
            }}
          >
            <option value={t.status}>{STATUS_LABELS[t.status]}</option>
            {next.map((s) => (
              <option key={s} value={s}>
                → {STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="ticket-priority">Priority</Label>
          <NativeSelect
            id="ticket-priority"
            value={t.priority}
            disabled={!canManage || setPriority.isPending}
            onChange={(e) => {
              const priority = e.target.value as Ticket["priority"];
              void run(`Priority: ${PRIORITY_LABELS[priority]} (SLA targets updated)`, () =>
                setPriority.mutateAsync({ id: t.id, priority }),
              );
            }}
          >
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="ticket-assignee">Assignee</Label>
          <NativeSelect
            id="ticket-assignee"
            value={t.assignee?.id ?? ""}
            disabled={!canManage || assign.isPending}
            onChange={(e) => {
              const assigneeId = e.target.value || null;
              const name = options.data?.staff.find((s) => s.id === assigneeId)?.name;
              void run(assigneeId ? `Assigned to ${name}` : "Unassigned", () =>
                assign.mutateAsync({ id: t.id, assigneeId }),
              );
            }}
          >
            <option value="">Unassigned</option>
            {t.assignee && !options.data?.staff.some((s) => s.id === t.assignee!.id) ? (
              <option value={t.assignee.id}>{t.assignee.name}</option>
            ) : null}
            {(options.data?.staff ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        {t.area || t.device || t.deviceRef || t.outageRef ? (
          <dl className="grid gap-2 text-sm">
            {t.area ? <Fact label="Area">{t.area}</Fact> : null}
            {t.device ? (
              <Fact label="Device">
                <Link href={`/network/devices/${t.device.id}`} className="underline-offset-4 hover:underline">
                  {t.device.name}
                </Link>
              </Fact>
            ) : t.deviceRef ? (
              <Fact label="Device">{t.deviceRef}</Fact>
            ) : null}
            {t.outageRef ? <Fact label="Outage">{t.outageRef}</Fact> : null}
          </dl>
        ) : null}
        {t.reopenCount > 0 ? (
          <p className="text-xs text-muted-foreground">
            Reopened {t.reopenCount === 1 ? "once" : `${t.reopenCount} times`}.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CustomerCard({ ticket: t }: { ticket: Ticket }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Customer</CardTitle>
      </CardHeader>
      <CardContent>
        {t.customer ? (
          <dl className="grid gap-2 text-sm">
            <Fact label="Name">
              <Link className="text-primary hover:underline" href={`/customers/${t.customer.id}`}>
                {t.customer.displayName}
              </Link>{" "}
              <span className="text-muted-foreground">· {t.customer.accountNo}</span>
            </Fact>
            {t.customer.phone ? (
              <Fact label="Phone">
                <a className="text-primary hover:underline" href={`tel:${t.customer.phone.replace(/\s/g, "")}`}>
                  {t.customer.phone}
                </a>
              </Fact>
            ) : null}
            {t.customer.email ? <Fact label="E-mail">{t.customer.email}</Fact> : null}
            {t.customer.serviceAddress ? <Fact label="Service address">{t.customer.serviceAddress}</Fact> : null}
            <Fact label="Service">
              {t.subscription
                ? `${t.subscription.package.name}${t.subscription.pppoeUsername ? ` (${t.subscription.pppoeUsername})` : ""} · ${t.subscription.status.toLowerCase()}`
                : "Not about one service"}
            </Fact>
            <Fact label="Replies reach them">
              {t.customer.hasPortal
                ? "In the portal and by e-mail"
                : t.customer.email
                  ? "By e-mail"
                  : "Only by phone: call them"}
            </Fact>
          </dl>
        ) : (
          <p className="text-sm text-muted-foreground">No customer: an internal or network ticket.</p>
        )}
      </CardContent>
    </Card>
  );
}

/** The work orders opened from this ticket: who goes when, and how far they are. */
function FieldVisitsCard({ ticketId, timeZone }: { ticketId: string; timeZone: string }) {
  const trpc = useTRPC();
  const visits = useQuery(
    trpc.workOrders.list.queryOptions({ ticketId, pageSize: 10, sort: "windowStart", direction: "asc" }),
  );
  const rows = visits.data?.rows ?? [];
  if (!visits.isSuccess || rows.length === 0) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Field visits</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="grid gap-2 text-sm" aria-label="Work orders for this ticket">
          {rows.map((w) => (
            <li key={w.id} className="rounded-md border p-2">
              <Link href={`/work-orders/${w.id}`} className="font-medium text-primary hover:underline">
                {w.numberLabel} {w.title}
              </Link>
              <p className="text-muted-foreground">
                {WORK_ORDER_STATUS_LABELS[w.status]} · {formatDateTime(w.windowStart, timeZone)} ·{" "}
                {w.technician?.name ?? "No technician yet"}
              </p>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** "Why this technician": routing's explanation, and a way to run it again. */
function RoutingCard({ ticket: t, canManage }: { ticket: Ticket; canManage: boolean }) {
  const trpc = useTRPC();
  const reroute = useMutation(trpc.tickets.reroute.mutationOptions());
  const act = useToastAction(trpc.tickets.pathFilter());
  const routing = t.routing;
  const overridden = routing && t.assignee && routing.chosenId !== t.assignee.id;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Why this technician</CardTitle>
        {routing ? (
          <CardDescription>{routing.summary}</CardDescription>
        ) : (
          <CardDescription>Routing has not run for this ticket.</CardDescription>
        )}
      </CardHeader>
      <CardContent className="grid gap-3">
        {overridden ? (
          <p className="text-sm text-amber-700 dark:text-amber-400">
            Assigned by hand to {t.assignee!.name}, overriding routing.
          </p>
        ) : null}
        {routing?.candidates.length ? (
          <ol className="grid gap-2" aria-label="Routing candidates">
            {routing.candidates.slice(0, 6).map((c) => (
              <li
                key={c.userId}
                className={cn(
                  "rounded-md border p-2 text-sm",
                  c.userId === routing.chosenId && "border-primary bg-primary/5",
                  c.excluded && "opacity-70",
                )}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{c.name}</span>
                  <span className="text-xs text-muted-foreground">
                    {c.excluded ? "Not eligible" : `Score ${c.score}`}
                  </span>
                </div>
                {c.excluded ? <p className="text-xs text-muted-foreground">{c.excluded}</p> : null}
                {!c.excluded && c.reasons.length ? (
                  <ul className="mt-1 list-disc pl-4 text-xs text-muted-foreground">
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
        {canManage && !t.mergedInto && t.status !== "RESOLVED" && t.status !== "CLOSED" ? (
          <Button
            variant="outline"
            size="sm"
            disabled={reroute.isPending}
            onClick={() =>
              act(async () => {
                const r = await reroute.mutateAsync({ id: t.id });
                return { title: "Routing ran again", description: r.summary };
              }, "Could not route")
            }
          >
            <RefreshCw aria-hidden />
            Re-run routing
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}

function WatchButton({ ticket: t }: { ticket: Ticket }) {
  const trpc = useTRPC();
  const act = useToastAction(trpc.tickets.pathFilter());
  const watch = useMutation(trpc.tickets.watch.mutationOptions());
  const unwatch = useMutation(trpc.tickets.unwatch.mutationOptions());
  const pending = watch.isPending || unwatch.isPending;
  return (
    <Button
      variant="outline"
      disabled={pending}
      aria-pressed={t.watching}
      onClick={() =>
        act(async () => {
          if (t.watching) await unwatch.mutateAsync({ ticketId: t.id });
          else await watch.mutateAsync({ ticketId: t.id });
        }, "Not changed")
      }
    >
      {t.watching ? <BellOff aria-hidden /> : <Bell aria-hidden />}
      {t.watching ? "Stop watching" : "Watch"}
    </Button>
  );
}

function WatchersCard({ ticket: t, canManage }: { ticket: Ticket; canManage: boolean }) {
  const trpc = useTRPC();
  const options = useQuery({ ...trpc.tickets.options.queryOptions(), enabled: canManage });
  const add = useMutation(trpc.tickets.addWatcher.mutationOptions());
  const remove = useMutation(trpc.tickets.removeWatcher.mutationOptions());
  // The watcher list shows the change; only a refusal gets a toast.
  const act = useToastAction(trpc.tickets.pathFilter());
  const run = (action: () => Promise<unknown>) =>
    act(async () => {
      await action();
    }, "Not changed");
  const others = (options.data?.staff ?? []).filter((s) => !t.watchers.some((w) => w.id === s.id));
  return (
    <Card>
      <CardHeader>
        <CardTitle>Watchers</CardTitle>
        <CardDescription>They hear about replies and notes.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {t.watchers.length ? (
          <ul className="flex flex-wrap gap-1.5" aria-label="Watchers">
            {t.watchers.map((w) => (
              <li key={w.id}>
                <Badge variant="secondary" className="gap-1">
                  {w.name}
                  {canManage ? (
                    <button
                      type="button"
                      aria-label={`Remove ${w.name} from the watchers`}
                      onClick={() => run(() => remove.mutateAsync({ ticketId: t.id, userId: w.id }))}
                    >
                      <X aria-hidden />
                    </button>
                  ) : null}
                </Badge>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">Nobody watches this ticket.</p>
        )}
        {canManage && others.length ? (
          <div className="flex items-end gap-2">
            <div className="grid flex-1 gap-2">
              <Label htmlFor="add-watcher">
                <UserPlus aria-hidden className="mr-1 inline size-4" />
                Add a watcher
              </Label>
              <NativeSelect
                id="add-watcher"
                value=""
                onChange={(e) =>
                  e.target.value && run(() => add.mutateAsync({ ticketId: t.id, userId: e.target.value }))
                }
              >
                <option value="">Choose a colleague…</option>
                {others.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

const words = (s: string | null) => (s ?? "").toLowerCase().replace(/_/g, " ");
const statusLabel = (s: string | null) =>
  s && s in STATUS_LABELS ? STATUS_LABELS[s as keyof typeof STATUS_LABELS] : words(s);

/** One line a person can read for each kind of event (other modules' kinds fall back to their words). */
function describeEvent(e: Ticket["events"][number]): string {
  switch (e.kind) {
    case "created":
      return `Ticket opened (${words(e.toValue)})`;
    case "routed":
      return `Routing: ${e.note ?? "ran"}`;
    case "assigned":
      return e.toValue
        ? `Assigned to ${e.toValue}${e.fromValue ? ` (was ${e.fromValue})` : ""}${e.note ? ` — ${e.note}` : ""}`
        : `Unassigned${e.fromValue ? ` (was ${e.fromValue})` : ""}`;
    case "status":
      return `Status ${statusLabel(e.fromValue)} → ${statusLabel(e.toValue)}${e.note ? ` — ${e.note}` : ""}`;
    case "priority":
      return `Priority ${words(e.fromValue)} → ${words(e.toValue)}`;
    case "first_response":
      return `First response (${e.note?.toLowerCase() ?? "recorded"})`;
    case "merged_into":
      return `Merged into ${e.toValue}`;
    case "merged_from":
      return `${e.fromValue} was merged into this ticket`;
    case "watcher_added":
      return `${e.toValue} is watching`;
    case "watcher_removed":
      return `${e.fromValue} stopped watching`;
    case "updated":
      return e.note ?? "Details changed";
    case "csat":
      return `Customer rated ${e.toValue}/5${e.note ? `: “${e.note}”` : ""}`;
    default:
      return [words(e.kind), e.fromValue || e.toValue ? `${e.fromValue ?? ""} → ${e.toValue ?? ""}` : null, e.note]
        .filter(Boolean)
        .join(": ");
  }
}
