"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CircleCheck, FileUp } from "lucide-react";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { CSV_COLUMNS, CSV_MAX_ROWS, CSV_READ_ONLY_COLUMNS } from "@/server/modules/customers/schema";
import { errorMessage, FormError } from "../errors";
import type { ImportReport } from "./types";

const COLUMN_NOTES: Partial<Record<(typeof CSV_COLUMNS)[number], string>> = {
  type: "INDIVIDUAL (default) or BUSINESS",
  status: "PROSPECT (default), PENDING or ACTIVE",
  businessName: "required for BUSINESS",
  firstName: "first or last name required for INDIVIDUAL",
  email: "unique per customer; phone or e-mail required",
  serviceLatitude: "decimal degrees, −90…90 (with longitude)",
  serviceLongitude: "decimal degrees, −180…180 (with latitude)",
  contactChannel: "EMAIL (default; needs an e-mail), SMS, PHONE or WHATSAPP",
  language: "two letters, default en",
  paperlessBilling: "yes/no, default yes",
  tags: "separated by ; or ,",
};

/** The server's limit on the file's text (importCustomersSchema), checked before sending it. */
const MAX_CHARS = 5_000_000;

/** Upload → dry run report (every bad row) → import all rows in one transaction. */
export function ImportView() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [csv, setCsv] = React.useState<string | null>(null);
  const [fileName, setFileName] = React.useState<string | null>(null);
  const [report, setReport] = React.useState<ImportReport | null>(null);
  const [error, setError] = React.useState<{ title: string; message: string } | null>(null);
  const run = useMutation(trpc.customers.importCsv.mutationOptions());
  const checking = run.isPending && run.variables?.dryRun !== false;
  const importing = run.isPending && run.variables?.dryRun === false;

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again, once corrected, checks it again.
    input.value = "";
    setReport(null);
    setError(null);
    setCsv(null);
    setFileName(file?.name ?? null);
    if (!file) return;
    const fail = (message: string) => setError({ title: "The file could not be checked", message });
    const text = await file.text();
    if (!text.trim()) return fail("The file is empty. Choose a CSV file with a header row and one customer per row.");
    if (text.length > MAX_CHARS) return fail("The file is larger than 5 MB; split it into smaller files.");
    setCsv(text);
    try {
      setReport(await run.mutateAsync({ csv: text, dryRun: true }));
    } catch (err) {
      fail(fieldErrors(err).csv ?? errorMessage(err));
    }
  }

  async function importAll() {
    if (!csv) return;
    setError(null);
    try {
      const done = await run.mutateAsync({ csv, dryRun: false });
      if (done.problems.length) return setReport(done);
      await queryClient.invalidateQueries(trpc.customers.pathFilter());
      toast({ variant: "success", title: `Imported ${done.imported} customer${done.imported === 1 ? "" : "s"}` });
      router.push("/customers?sort=createdAt");
    } catch (err) {
      setError({ title: "Nothing was imported", message: errorMessage(err) });
    }
  }

  return (
    <>
      <Link
        href="/customers"
        className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Customers
      </Link>
      <PageHeader
        title="Import customers"
        description={`Upload a CSV file with a header row. Every row is checked first; nothing is imported until every row is valid. At most ${CSV_MAX_ROWS.toLocaleString("en-GB")} rows per file.`}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>1. Choose a file</CardTitle>
              <CardDescription>Tip: export your customers first to get a file with the right columns.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4">
              <FormField
                label="CSV file"
                description={
                  fileName ? (report ? `Checked: ${fileName}` : `Chosen: ${fileName}`) : "Comma-separated, UTF-8."
                }
              >
                <Input
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => onFile(e.currentTarget)}
                  disabled={run.isPending}
                />
              </FormField>
              <FormError message={error?.message} title={error?.title} />
              {checking ? (
                <p className="flex items-center gap-2 text-sm text-muted-foreground">
                  <Spinner label="Checking" /> Checking every row…
                </p>
              ) : null}
            </CardContent>
          </Card>

          {report ? (
            <Card>
              <CardHeader>
                <CardTitle>2. Check the report</CardTitle>
                <CardDescription>
                  {report.total} row{report.total === 1 ? "" : "s"} in the file, {report.valid} valid
                  {report.problems.length ? `, ${report.problems.length} with problems` : ""}.
                </CardDescription>
              </CardHeader>
              <CardContent className="grid gap-4">
                {report.problems.length === 0 ? (
                  <>
                    <Alert>
                      <CircleCheck aria-hidden />
                      <AlertTitle>Every row is valid</AlertTitle>
                      <AlertDescription>Each customer gets the next account number, in file order.</AlertDescription>
                    </Alert>
                    <div>
                      <Button onClick={importAll} disabled={run.isPending}>
                        {importing ? <Spinner className="text-current" label="Importing" /> : <FileUp aria-hidden />}
                        {importing ? "Importing…" : `Import ${report.total} customer${report.total === 1 ? "" : "s"}`}
                      </Button>
                    </div>
                  </>
                ) : (
                  <>
                    <Alert variant="destructive">
                      <AlertTitle>Nothing will be imported yet</AlertTitle>
                      <AlertDescription>
                        Correct these rows in the file (row numbers count the header as row 1), then choose it again.
                      </AlertDescription>
                    </Alert>
                    <Table>
                      <TableHeader>
                        <TableRow className="hover:bg-transparent">
                          <TableHead className="w-20">Row</TableHead>
                          <TableHead>Problems</TableHead>
                        </TableRow>
                      </TableHeader>
                      <TableBody>
                        {report.problems.map((p) => (
                          <TableRow key={p.row}>
                            <TableCell className="font-mono">{p.row}</TableCell>
                            <TableCell>
                              <ul className="list-disc pl-4 text-sm">
                                {p.messages.map((m) => (
                                  <li key={m}>{m}</li>
                                ))}
                              </ul>
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </>
                )}
              </CardContent>
            </Card>
          ) : null}
        </div>

        <Card className="content-start">
          <CardHeader>
            <CardTitle>Columns</CardTitle>
            <CardDescription>
              Names as in the header row; all optional unless noted. {CSV_READ_ONLY_COLUMNS.join(" and ")} are ignored
              on import.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ul className="grid gap-1 text-sm">
              {CSV_COLUMNS.map((c) => (
                <li key={c}>
                  <code className="font-mono text-xs">{c}</code>
                  {COLUMN_NOTES[c] ? <span className="text-muted-foreground"> — {COLUMN_NOTES[c]}</span> : null}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
