"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, FileUp } from "lucide-react";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { formatMoney } from "@/server/lib/money";
import { STATEMENT_MAX_LINES, type ColumnMapping } from "@/server/modules/bank-transfers/schema";
import { errorMessage, FormError } from "../errors";
import { BillingTabs } from "./billing-tabs";
import { guessMapping, type Mapping } from "./statement-columns";
import { StatementMappingForm } from "./statement-mapping-form";
import {
  STATE_LABELS,
  StatementLines,
  type LineState,
  type Resolution,
  type StatementPreview,
} from "./statement-lines";

/** The server's limit on the file's text (statementHeadersSchema), checked before sending it. */
const MAX_CHARS = 2_000_000;

type Chosen = { csv: string; fileName: string; headers: string[]; sample: Record<string, string>[]; lines: number };
type Posted = { posted: number; totalMinor: number; currency: string };

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Choose the bank's CSV → map its columns → the dry run (resolve what did not match) → post all at once. */
export function BankImportView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = React.useState<Chosen | null>(null);
  const [initial, setInitial] = React.useState<Mapping | null>(null);
  const [mapping, setMapping] = React.useState<ColumnMapping | null>(null);
  const [resolutions, setResolutions] = React.useState<Map<number, Resolution>>(new Map());
  const [preview, setPreview] = React.useState<StatementPreview | null>(null);
  const [posted, setPosted] = React.useState<Posted | null>(null);
  const [error, setError] = React.useState<{ title: string; message: string } | null>(null);
  const readHeaders = useMutation(trpc.bankTransfers.statement.headers.mutationOptions());
  const dryRun = useMutation(trpc.bankTransfers.statement.preview.mutationOptions());
  const confirm = useMutation(trpc.bankTransfers.statement.confirm.mutationOptions());
  const busy = readHeaders.isPending || dryRun.isPending || confirm.isPending;

  const inputOf = (m: ColumnMapping, r: Map<number, Resolution>) => ({
    csv: file?.csv ?? "",
    mapping: m,
    resolutions: [...r].map(([line, res]) => ({
      line,
      customerId: res.customer?.id,
      invoiceId: res.customer ? res.invoiceId : undefined,
      ignore: res.ignore,
    })),
  });

  async function onFile(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    // Cleared so that choosing the same file again, once corrected, reads it again.
    input.value = "";
    setFile(null);
    setInitial(null);
    setMapping(null);
    setPreview(null);
    setPosted(null);
    setResolutions(new Map());
    setError(null);
    if (!chosen) return;
    const fail = (message: string) => setError({ title: "The file could not be read", message });
    const csv = await chosen.text();
    if (!csv.trim()) return fail("The file is empty. Export the statement from your bank as CSV and choose it here.");
    if (csv.length > MAX_CHARS) return fail("The file is larger than 2 MB; split it into smaller files.");
    try {
      const found = await readHeaders.mutateAsync({ csv });
      setFile({ csv, fileName: chosen.name, ...found });
      setInitial(guessMapping(found.headers, found.sample));
    } catch (err) {
      fail(fieldErrors(err).csv ?? errorMessage(err));
    }
  }

  // Each decision re-runs the dry run; only the newest answer is shown, so quick decisions on
  // several lines neither get lost nor show an older answer last.
  const latest = React.useRef(0);
  async function check(m: ColumnMapping, r: Map<number, Resolution>) {
    const run = ++latest.current;
    setError(null);
    setMapping(m);
    setResolutions(r);
    try {
      const answer = await dryRun.mutateAsync(inputOf(m, r));
      if (run === latest.current) setPreview(answer);
    } catch (err) {
      if (run !== latest.current) return;
      setPreview(null);
      setError({ title: "The lines could not be checked", message: errorMessage(err) });
    }
  }

  function resolve(line: number, resolution: Resolution | null) {
    if (!mapping) return;
    const next = new Map(resolutions);
    if (resolution) next.set(line, resolution);
    else next.delete(line);
    void check(mapping, next);
  }

  async function postAll() {
    if (!mapping || !preview?.canConfirm) return;
    setError(null);
    try {
      const done = await confirm.mutateAsync(inputOf(mapping, resolutions));
      await queryClient.invalidateQueries(trpc.payments.pathFilter());
      await queryClient.invalidateQueries(trpc.billing.pathFilter());
      setPosted(done);
      setPreview(null);
      setFile(null);
      setMapping(null);
      setInitial(null);
      setResolutions(new Map());
    } catch (err) {
      setError({ title: "Nothing was posted", message: errorMessage(err) });
    }
  }

  // The error shows in the step it belongs to: reading the file, the mapping, or posting.
  const errorStep = !file ? 1 : !preview ? 2 : 3;
  const stepError = (step: number) =>
    errorStep === step ? <FormError message={error?.message} title={error?.title} /> : null;
  const counts = preview?.counts;
  const summary = counts
    ? (Object.keys(STATE_LABELS) as LineState[])
        .filter((s) => counts[s] > 0)
        .map((s) => `${counts[s]} ${STATE_LABELS[s].toLowerCase()}`)
        .join(", ")
    : "";

  return (
    <>
      <PageHeader
        title="Billing"
        description={`Import the bank's statement to post the transfers customers made. Nothing is written until you press “Post”, and then every line is posted or none. A line whose reference is already recorded is never posted twice. At most ${STATEMENT_MAX_LINES.toLocaleString("en-GB")} lines per file.`}
      />
      <BillingTabs current="/billing/bank-import" />

      <div className="grid gap-6">
        {posted ? (
          <Alert>
            <CircleCheck aria-hidden />
            <AlertTitle>
              Posted {plural(posted.posted, "payment")}: {formatMoney(posted.totalMinor, posted.currency)}
            </AlertTitle>
            <AlertDescription>
              Each pays the customer&apos;s invoices (the one named in the reference first) and sends a receipt.{" "}
              <Link className="underline" href="/billing/payments?method=BANK_TRANSFER">
                See the payments
              </Link>
            </AlertDescription>
          </Alert>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>1. Choose the statement</CardTitle>
            <CardDescription>
              Export the account&apos;s transactions from your bank&apos;s website as CSV (a header row, one transaction
              per line). Payers&apos; references are matched to invoice numbers and account numbers.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            <FormField
              label="Bank statement (CSV)"
              description={file ? `${file.fileName}: ${plural(file.lines, "line")}` : "Comma-separated, UTF-8."}
            >
              <Input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.currentTarget)} disabled={busy} />
            </FormField>
            {readHeaders.isPending ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                <Spinner label="Reading" /> Reading the file…
              </p>
            ) : null}
            {stepError(1)}
          </CardContent>
        </Card>

        {file && initial ? (
          <Card>
            <CardHeader>
              <CardTitle>2. Which column is which</CardTitle>
              <CardDescription>
                We guessed from the column names; check them against the examples from the file. Debits (negative
                amounts) are skipped, never posted.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {stepError(2)}
              <StatementMappingForm
                key={file.fileName + file.lines}
                headers={file.headers}
                sample={file.sample}
                initial={initial}
                pending={dryRun.isPending}
                onSubmit={(m) => check(m, new Map())}
              />
            </CardContent>
          </Card>
        ) : null}

        {file && preview ? (
          <Card>
            <CardHeader>
              <CardTitle>3. Check the lines</CardTitle>
              <CardDescription>
                {plural(preview.lines.length, "line")}: {summary}. Nothing has been posted yet.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              {stepError(3)}
              <StatementLines preview={preview} resolutions={resolutions} onResolve={resolve} disabled={busy} />
              {!preview.canConfirm ? (
                <p className="text-sm text-muted-foreground">
                  {preview.counts.NEEDS_CUSTOMER || preview.counts.ERROR
                    ? "Choose a customer for each line that needs one and ignore the lines that cannot be read (or correct the file and choose it again) to post."
                    : "No line is ready to post: every line is already recorded, skipped or ignored."}
                </p>
              ) : null}
              <div className="flex flex-wrap items-center gap-3">
                <Button onClick={postAll} disabled={!preview.canConfirm || busy}>
                  {confirm.isPending ? (
                    <Spinner className="text-current" label="Posting" />
                  ) : dryRun.isPending ? (
                    <Spinner className="text-current" label="Checking" />
                  ) : (
                    <FileUp aria-hidden />
                  )}
                  {confirm.isPending
                    ? "Posting…"
                    : `Post ${plural(preview.counts.READY, "payment")} (${formatMoney(preview.readyMinor, preview.currency)})`}
                </Button>
              </div>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </>
  );
}
