"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CheckCircle2, SearchX } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { formatMoney } from "@/server/lib/money";
import { formatAccountNumber } from "@/server/modules/customers/schema";
import { postUpdateSchema, resolveOutageSchema } from "@/server/modules/outages/schema";
import { formatTicketNumber, STATUS_LABELS as TICKET_STATUS_LABELS } from "@/server/modules/tickets/schema";
import { DetailPage } from "../detail-page";
import { FormError, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { OutageStatusBadge } from "./status";

type Outage = RouterOutputs["outages"]["get"];

const KIND_LABELS: Record<Outage["timeline"][number]["kind"], string> = {
  OPENED: "Opened",
  UPDATE: "Update",
  RESOLVED: "Resolved",
  COMPENSATED: "Compensation",
};

export function OutageView({
  id,
  timeZone,
  currency,
  canManage,
}: {
  id: string;
  timeZone: string;
  currency: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.outages.get.queryOptions({ id }));
  return (
    <DetailPage
      query={query}
      what="outage"
      back={{ href: "/network/outages", label: "Outages" }}
      backClassName="mb-3"
      skeleton={<Skeleton className="h-64 w-full" />}
      notFound={
        <EmptyState
          icon={<SearchX />}
          title="This outage does not exist"
          description="It may have been opened from an old or mistyped link."
          action={
            <Button asChild variant="outline">
              <Link href="/network/outages">All outages</Link>
            </Button>
          }
        />
      }
    >
      {(o) => <OutageDetail o={o} timeZone={timeZone} currency={currency} canManage={canManage} />}
    </DetailPage>
  );
}

function OutageDetail({
  o,
  timeZone,
  currency,
  canManage,
}: {
  o: Outage;
  timeZone: string;
  currency: string;
  canManage: boolean;
}) {
  const [resolving, setResolving] = React.useState(false);
  const canResolve = canManage && (o.status === "OPEN" || !o.rootCause);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${o.label} · ${o.title}`}
        description={o.description ?? undefined}
        actions={
          canResolve ? (
            <Button onClick={() => setResolving(true)}>
              <CheckCircle2 aria-hidden />
              {o.status === "OPEN" ? "Resolve" : "Record root cause"}
            </Button>
          ) : null
        }
      />
      <Card>
        <CardContent className="pt-6">
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <Fact label="Status">
              <OutageStatusBadge status={o.status} />
            </Fact>
            <Fact label="Where">
              {o.device ? (
                <Link href={`/network/devices/${o.device.id}`} className="underline-offset-4 hover:underline">
                  {o.device.name}
                </Link>
              ) : (
                (o.site?.name ?? "—")
              )}
            </Fact>
            <Fact label="Opened">{o.source === "AUTOMATIC" ? "By the poller" : "By staff"}</Fact>
            <Fact label="Started">{formatDateTime(o.startedAt, timeZone)}</Fact>
            <Fact label="Resolved">{formatDateTime(o.resolvedAt, timeZone, "Not yet")}</Fact>
            <Fact label="Customers">
              {o.affected} affected{o.online ? `, ${o.online} online (up)` : ""}
            </Fact>
            {o.rootCause ? <Fact label="Root cause">{o.rootCause}</Fact> : null}
            {o.parent ? (
              <Fact label="Part of">
                <Link href={`/network/outages/${o.parent.id}`} className="underline-offset-4 hover:underline">
                  {o.parent.label}
                </Link>{" "}
                (an upstream device is down; customers hear from that outage)
              </Fact>
            ) : null}
            {o.children.length ? (
              <Fact label="Devices behind, also down">
                {o.children.map((c, i) => (
                  <React.Fragment key={c.id}>
                    {i ? ", " : null}
                    <Link href={`/network/outages/${c.id}`} className="underline-offset-4 hover:underline">
                      {c.label}
                    </Link>
                    {c.status === "RESOLVED" ? " (resolved)" : null}
                  </React.Fragment>
                ))}
              </Fact>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Timeline</CardTitle>
            <CardDescription>What happened and what customers were told.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <ol className="space-y-3" aria-label="Timeline">
              {o.timeline.map((u) => (
                <li key={u.id} className="rounded-lg border p-3 text-sm">
                  <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                    <Badge variant="outline">{KIND_LABELS[u.kind]}</Badge>
                    <span>{formatDateTime(u.createdAt, timeZone)}</span>
                    {u.authorLabel ? <span>· {u.authorLabel}</span> : null}
                  </div>
                  <p className="mt-2 whitespace-pre-line">{u.message}</p>
                  {u.delivery === "told" ? (
                    <p className="mt-1 text-xs text-muted-foreground">
                      Sent to {u.emailed} by e-mail, {u.texted} by SMS
                    </p>
                  ) : u.delivery === "sending" ? (
                    <p className="mt-1 text-xs text-muted-foreground">Sending to the affected customers…</p>
                  ) : null}
                </li>
              ))}
            </ol>
            {canManage && o.status === "OPEN" ? <PostUpdateForm outageId={o.id} /> : null}
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Tickets</CardTitle>
            <CardDescription>Opened by affected customers while the outage was on.</CardDescription>
          </CardHeader>
          <CardContent>
            {o.tickets.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tickets linked yet.</p>
            ) : (
              <ul className="space-y-2 text-sm">
                {o.tickets.map((t) => (
                  <li key={t.id} className="flex items-center justify-between gap-2">
                    <Link href={`/tickets/${t.id}`} className="underline-offset-4 hover:underline">
                      {formatTicketNumber(t.number)} {t.subject}
                    </Link>
                    <Badge variant="outline">
                      {TICKET_STATUS_LABELS[t.status as keyof typeof TICKET_STATUS_LABELS]}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Customers behind it</CardTitle>
          <CardDescription>
            As the topology stood when the outage opened. A customer with a live session then is shown as up and is not
            told.
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0">
          {o.customers.length === 0 ? (
            <p className="px-6 text-sm text-muted-foreground">No customers are behind this device.</p>
          ) : (
            <Table aria-label="Customers behind the outage">
              <TableHeader>
                <TableRow>
                  <TableHead className="pl-6">Customer</TableHead>
                  <TableHead className="hidden sm:table-cell">Package</TableHead>
                  <TableHead>State</TableHead>
                  <TableHead className="hidden pr-6 md:table-cell">Compensation</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {o.customers.map((c) => (
                  <TableRow key={c.subscriptionId}>
                    <TableCell className="pl-6">
                      <Link
                        href={`/customers/${c.customerId}`}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        {c.customerName}
                      </Link>
                      <div className="text-xs text-muted-foreground">{formatAccountNumber(c.accountNumber)}</div>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">{c.packageName}</TableCell>
                    <TableCell>
                      {c.online ? (
                        <Badge variant="success">Online</Badge>
                      ) : (
                        <Badge variant="destructive">Affected</Badge>
                      )}
                    </TableCell>
                    <TableCell className="hidden pr-6 md:table-cell">
                      {c.compensationDays
                        ? `${c.compensationDays} day${c.compensationDays === 1 ? "" : "s"} added`
                        : c.compensationMinor
                          ? `${formatMoney(c.compensationMinor, currency)} credited`
                          : "—"}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      {canResolve ? <ResolveDialog outage={o} open={resolving} onOpenChange={setResolving} /> : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

type UpdateIn = z.input<typeof postUpdateSchema>;
type UpdateOut = z.output<typeof postUpdateSchema>;

function PostUpdateForm({ outageId }: { outageId: string }) {
  const trpc = useTRPC();
  const form = useDialogForm<UpdateIn, UpdateOut>(outageId, () => ({ outageId, message: "" }), {
    resolver: zodResolver(postUpdateSchema),
  });
  const post = useMutation(trpc.outages.postUpdate.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (values) => post.mutateAsync(values),
    refresh: trpc.outages.pathFilter(),
    saved: (_v, r) =>
      r.customers > 0
        ? `Update posted: sending it to ${r.customers} affected customer${r.customers === 1 ? "" : "s"}`
        : "Update posted (no affected customer to tell)",
    done: () => form.reset({ outageId, message: "" }),
  });
  return (
    <form onSubmit={onSubmit} className="space-y-3 border-t pt-4" noValidate>
      <FormError message={formErrorOf(form)} />
      <FormField
        label="Post an update"
        error={form.formState.errors.message?.message}
        description="Goes to every affected customer: portal banner, e-mail, and SMS when it is on."
      >
        <Textarea
          rows={3}
          placeholder="Engineers are on site; service expected back by 14:00."
          {...form.register("message")}
        />
      </FormField>
      <Button type="submit" disabled={post.isPending}>
        Post update
      </Button>
    </form>
  );
}

type ResolveIn = z.input<typeof resolveOutageSchema>;
type ResolveOut = z.output<typeof resolveOutageSchema>;

function ResolveDialog({
  outage,
  open,
  onOpenChange,
}: {
  outage: Outage;
  open: boolean;
  onOpenChange: (o: boolean) => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<ResolveIn, ResolveOut>(open, () => ({ id: outage.id, rootCause: "", message: "" }), {
    resolver: zodResolver(resolveOutageSchema),
  });
  const resolve = useMutation(trpc.outages.resolve.mutationOptions());
  const { errors } = form.formState;
  const closing = outage.status === "OPEN";
  const onSubmit = useSaveSubmit(form, {
    save: (values) => resolve.mutateAsync(values),
    refresh: trpc.outages.pathFilter(),
    saved: () => (closing ? `${outage.label} resolved` : `Root cause of ${outage.label} recorded`),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={closing ? `Resolve ${outage.label}` : `Root cause of ${outage.label}`}
      description={
        closing
          ? "Affected customers are told service is back, and the company's compensation policy is applied."
          : "The device's recovery closed this outage; record what caused it."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={resolve.isPending}
      submitLabel={closing ? "Resolve" : "Save"}
    >
      <FormField
        label="Root cause"
        required
        error={errors.rootCause?.message}
        description="For the team; customers do not see it."
      >
        <Textarea rows={3} {...form.register("rootCause")} />
      </FormField>
      {closing ? (
        <FormField
          label="Message to customers"
          error={errors.message?.message}
          description="Leave empty for: Service is restored. Sorry for the interruption."
        >
          <Textarea rows={2} {...form.register("message")} />
        </FormField>
      ) : null}
    </FormDialog>
  );
}
