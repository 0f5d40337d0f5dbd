"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CalendarClock } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { formatMoney } from "@/server/lib/money";
import { runDateSchema } from "@/server/modules/billing/schema";
import { DataList, useListUrl, type Columns } from "../data-list";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Run = RouterOutputs["billing"]["runs"]["list"]["rows"][number];
type Preview = RouterOutputs["billing"]["runs"]["preview"];
const day = (d: Date | string | null) => formatDate(d, "UTC");
const big = (minor: bigint | number, currency: string) => formatMoney(Number(minor), currency);
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function RunsView({
  currency,
  timeZone,
  today,
  canManage,
}: {
  currency: string;
  timeZone: string;
  today: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["run"]);
  const query = useQuery(
    trpc.billing.runs.list.queryOptions(
      { page: list.page },
      {
        placeholderData: keepPreviousData,
        // A run works in the background: refresh while one is still queued or running.
        refetchInterval: (q) => (q.state.data?.rows.some((r) => !r.finishedAt) ? 2_000 : false),
      },
    ),
  );
  const openRun = list.get("run");
  // The run this person just started: its card announces the result even when the run was over
  // before the card first asked (a small run finishes within the request that queued it).
  const [startedHere, setStartedHere] = React.useState<string | null>(null);

  const columns: Columns<Run, never> = [
    {
      label: "Date",
      cell: (r) => (
        <Link className="font-medium hover:underline" href={`?run=${r.id}`}>
          {day(r.runDate)}
        </Link>
      ),
    },
    { label: "Started", className: "hidden md:table-cell", cell: (r) => formatDateTime(r.startedAt, timeZone) },
    { label: "How", cell: (r) => (r.trigger === "SCHEDULE" ? "Daily schedule" : "Run by staff") },
    { label: "Invoices", className: "text-right", cell: (r) => r.invoicesCreated },
    { label: "Total", className: "text-right", cell: (r) => big(r.totalMinor, currency) },
    {
      label: "Result",
      cell: (r) =>
        r.status === "QUEUED" ? (
          <Badge variant="outline">Queued</Badge>
        ) : r.status === "RUNNING" ? (
          <Badge variant="secondary">Running</Badge>
        ) : r.status === "FAILED" ? (
          <Badge variant="destructive">Stopped</Badge>
        ) : r.failureCount > 0 ? (
          <Badge variant="destructive">{r.failureCount} failed</Badge>
        ) : (
          <Badge variant="success">Completed</Badge>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description={
          canManage
            ? "Preview what a run would invoice, run it now, and see each run's result."
            : "Each billing run and its result: what it invoiced and who was not billed."
        }
      />
      <BillingTabs current="/billing/runs" />
      <div className="space-y-6">
        {canManage ? (
          <RunForm
            today={today}
            onStarted={(id) => {
              setStartedHere(id);
              list.url.set({ run: id });
            }}
          />
        ) : (
          <p className="text-sm text-muted-foreground">
            Billing administrators preview and run billing; you can see each run&apos;s result here.
          </p>
        )}
        {openRun ? (
          <RunDetail id={openRun} currency={currency} timeZone={timeZone} startedHere={startedHere === openRun} />
        ) : null}
        <DataList
          query={query}
          data={query.data}
          noun={["billing run", "billing runs"]}
          columns={columns}
          rowKey={(r) => r.id}
          empty={{
            icon: <CalendarClock />,
            title: "No billing runs yet",
            description: canManage
              ? "Billing runs every day by itself; you can also preview a date and run it now above."
              : "Billing runs every day by itself; each run and its result will be listed here.",
          }}
          onPageChange={list.setPage}
        />
      </div>
    </>
  );
}

function RunForm({ today, onStarted }: { today: string; onStarted: (runId: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ resolver: zodResolver(runDateSchema), defaultValues: { date: today } });
  const date = form.watch("date");
  // Runs are for today or earlier (the server refuses later days too); a later day can be previewed.
  const ahead = Boolean(date && date > today);
  const [previewDate, setPreviewDate] = React.useState<string | null>(null);
  const preview = useQuery({
    ...trpc.billing.runs.preview.queryOptions({ date: previewDate ?? today }),
    enabled: previewDate !== null,
  });
  const running = useMutation(trpc.billing.runs.run.mutationOptions());

  const onPreview = form.handleSubmit(({ date }) => setPreviewDate(date ?? today));
  const onRun = form.handleSubmit(async ({ date }) => {
    try {
      // The run is queued and works in the background; its card below shows it running, then its result.
      const { id } = await running.mutateAsync({ date });
      setPreviewDate(null);
      onStarted(id);
      await queryClient.invalidateQueries({ queryKey: trpc.billing.runs.list.queryKey() });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Preview or run billing</CardTitle>
        <CardDescription>
          A run invoices every subscription whose next period has started by the date. Each period is billed once, so
          running again bills nothing twice. The preview writes nothing.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <form noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={onPreview}>
          <FormField label="Billing date" error={form.formState.errors.date?.message} className="sm:w-56">
            <Input type="date" {...form.register("date")} />
          </FormField>
          <Button type="submit" variant="outline">
            Preview
          </Button>
          <Button type="button" onClick={onRun} disabled={running.isPending || ahead}>
            {running.isPending ? <Spinner className="text-current" label="Starting" /> : null}
            {running.isPending ? "Starting…" : `Run billing for ${day(date || today)}`}
          </Button>
        </form>
        {ahead ? (
          <p className="text-sm text-muted-foreground">
            {day(date!)} is still to come: preview it to see what a run on that day will invoice. Billing runs for today
            or an earlier day.
          </p>
        ) : null}
        <FormError message={formErrorOf(form)} title="Billing did not run" />
        {preview.isError ? (
          <QueryError title="Could not preview billing" error={preview.error} onRetry={() => preview.refetch()} />
        ) : null}
        {preview.isFetching ? <Spinner label="Working out the preview" /> : null}
        {preview.data && previewDate ? <PreviewResult preview={preview.data} /> : null}
      </CardContent>
    </Card>
  );
}

function PreviewResult({ preview }: { preview: Preview }) {
  const money = (minor: bigint | number) => big(minor, preview.currency);
  if (preview.invoiceCount === 0)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        Nothing is due on {day(preview.date)}: every subscription is billed up to that date.
      </p>
    );
  return (
    <div className="space-y-3">
      <p role="status" className="text-sm">
        On {day(preview.date)}: <strong>{count(preview.invoiceCount, "invoice", "invoices")}</strong> for{" "}
        {count(preview.periodCount, "period", "periods")}, total <strong>{money(preview.totalMinor)}</strong> (tax{" "}
        {money(preview.taxMinor)})
        {preview.skippedCount ? `; ${count(preview.skippedCount, "suspended period", "suspended periods")} paused` : ""}
        . Nothing is written until you run it.
        {preview.truncated ? ` The first ${preview.invoices.length} are listed.` : ""}
      </p>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Customer</TableHead>
            <TableHead className="hidden md:table-cell">Lines</TableHead>
            <TableHead className="text-right">Tax</TableHead>
            <TableHead className="text-right">Total</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.invoices.map((i) => (
            <TableRow key={i.customerId}>
              <TableCell>
                {i.customerName} <span className="text-muted-foreground">{formatAccountNumber(i.accountNumber)}</span>
              </TableCell>
              <TableCell className="hidden text-xs text-muted-foreground md:table-cell">
                {i.lines.map((l, n) => (
                  <div key={n}>
                    {l.description}: {money(l.totalMinor)}
                  </div>
                ))}
              </TableCell>
              <TableCell className="text-right">{money(i.taxMinor)}</TableCell>
              <TableCell className="text-right">{money(i.totalMinor)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function RunDetail({
  id,
  currency,
  timeZone,
  startedHere,
}: {
  id: string;
  currency: string;
  timeZone: string;
  startedHere: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const query = useQuery(
    trpc.billing.runs.get.queryOptions({ id }, { refetchInterval: (q) => (q.state.data?.finishedAt ? false : 1_500) }),
  );
  // When a run this page watched finishes: say so once, and refresh the lists it changed.
  const finished = query.data?.finishedAt ? query.data : null;
  const sawRunning = React.useRef(false);
  const announced = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (query.data && !query.data.finishedAt) sawRunning.current = true;
    if (!finished || (!sawRunning.current && !startedHere) || announced.current === finished.id) return;
    sawRunning.current = false;
    announced.current = finished.id;
    toast({
      variant: finished.failureCount || finished.status === "FAILED" ? "destructive" : "success",
      title:
        finished.invoicesCreated === 0 && !finished.failureCount
          ? "Nothing was due: no invoices issued"
          : `${count(finished.invoicesCreated, "invoice", "invoices")} issued for ${big(finished.totalMinor, currency)}`,
    });
    void queryClient.invalidateQueries({ queryKey: trpc.billing.runs.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.billing.invoices.list.queryKey() });
  }, [query.data, finished, startedHere, toast, queryClient, trpc, currency]);
  if (query.isError)
    return <QueryError title="Could not load this billing run" error={query.error} onRetry={() => query.refetch()} />;
  const run = query.data;
  if (!run) return <Spinner label="Loading the billing run" />;
  const nothingDue = run.status === "COMPLETED" && run.invoicesCreated === 0 && run.failureCount === 0;
  return (
    <Card role="region" aria-labelledby="billing-run-title">
      <CardHeader>
        <CardTitle id="billing-run-title">Run of {day(run.runDate)}</CardTitle>
        <CardDescription>
          Started {formatDateTime(run.startedAt, timeZone)}
          {run.finishedAt
            ? `, finished ${formatDateTime(run.finishedAt, timeZone)}`
            : run.status === "QUEUED"
              ? ", waiting to start"
              : ", still running"}
          .
          {run.status === "FAILED"
            ? " It stopped part-way; run it again to bill the rest (nothing is billed twice)."
            : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4 text-sm">
        {run.finishedAt ? null : <Spinner label="Billing is running" />}
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-5">
          <Figure label="Invoices issued" value={run.invoicesCreated} />
          <Figure label="Periods billed" value={run.periodsBilled} />
          <Figure label="Total invoiced" value={big(run.totalMinor, currency)} />
          <Figure label="Periods paused" value={run.periodsSkipped} />
          <Figure label="Customers failed" value={run.failureCount} />
        </dl>
        {nothingDue ? (
          <p role="status">
            Nothing was due: every subscription was already billed up to {day(run.runDate)}, and a period is never
            billed twice.
          </p>
        ) : null}
        {run.invoicesCreated > 0 ? (
          <Link className="inline-block underline" href={`/billing/invoices?run=${run.id}`}>
            See the {count(run.invoicesCreated, "invoice", "invoices")} of this run
          </Link>
        ) : null}
        {run.failures.length ? (
          <div className="space-y-1">
            <p className="font-medium">Not billed; the next run tries them again:</p>
            <ul className="list-disc space-y-1 pl-5">
              {run.failures.map((f) => (
                <li key={f.customerId}>
                  <Link className="underline" href={`/customers/${f.customerId}`}>
                    Account {formatAccountNumber(f.accountNumber)}
                  </Link>
                  : {f.reason}
                </li>
              ))}
            </ul>
            {run.failureCount > run.failures.length ? (
              <p className="text-muted-foreground">…and {run.failureCount - run.failures.length} more.</p>
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
