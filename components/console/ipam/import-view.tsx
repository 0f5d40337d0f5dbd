"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck, FileUp } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import {
  IMPORT_COLUMNS,
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  IMPORT_MAX_LINES,
  type ImportKind,
} from "@/server/modules/ipam/import.schema";
import { DataTable, type Columns } from "../data-list";
import { errorMessage, FormError } from "../errors";
import type { RouterOutputs } from "../types";
import { IpamHeader } from "./parts";

type Preview = RouterOutputs["ipam"]["import"]["preview"];
type Line = Preview["lines"][number];

/** The server's limit on the file's text (importSchema), checked before sending it. */
const MAX_CHARS = 2_000_000;
const LIST_OF: Record<ImportKind, string> = {
  prefixes: "/network/prefixes",
  addresses: "/network/ip-addresses",
  vlans: "/network/vlans",
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const NOUN: Record<ImportKind, [string, string]> = {
  prefixes: ["prefix", "prefixes"],
  addresses: ["IP address", "IP addresses"],
  vlans: ["VLAN", "VLANs"],
};

/** Choose what the file holds and the file → the dry run, line by line → import all at once. */
export function IpamImportView({ initialKind }: { initialKind: ImportKind }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = React.useState<ImportKind>(initialKind);
  const [file, setFile] = React.useState<{ csv: string; name: string } | null>(null);
  const [preview, setPreview] = React.useState<Preview | null>(null);
  const [imported, setImported] = React.useState<{ kind: ImportKind; created: number } | null>(null);
  const [error, setError] = React.useState<{ title: string; message: string } | null>(null);
  const dryRun = useMutation(trpc.ipam.import.preview.mutationOptions());
  const run = useMutation(trpc.ipam.import.run.mutationOptions());
  const busy = dryRun.isPending || run.isPending;

  async function check(next: { csv: string; name: string }, k: ImportKind) {
    setError(null);
    setPreview(null);
    try {
      setPreview(await dryRun.mutateAsync({ kind: k, csv: next.csv }));
    } catch (err) {
      setError({ title: "The file could not be checked", message: errorMessage(err) });
    }
  }

  async function onFile(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    // Cleared so that choosing the same file again, once corrected, reads it again.
    input.value = "";
    setFile(null);
    setPreview(null);
    setImported(null);
    setError(null);
    if (!chosen) return;
    const csv = await chosen.text();
    const fail = (message: string) => setError({ title: "The file could not be read", message });
    if (!csv.trim()) return fail("The file is empty. Choose a CSV file whose first line names the columns.");
    if (csv.length > MAX_CHARS) return fail("The file is larger than 2 MB; split it into smaller files.");
    const next = { csv, name: chosen.name };
    setFile(next);
    await check(next, kind);
  }

  async function importAll() {
    if (!file || !preview?.canImport) return;
    setError(null);
    try {
      const done = await run.mutateAsync({ kind, csv: file.csv });
      await queryClient.invalidateQueries(trpc.ipam.pathFilter());
      setImported(done);
      setPreview(null);
      setFile(null);
    } catch (err) {
      setError({ title: "Nothing was imported", message: errorMessage(err) });
    }
  }

  const columns: Columns<Line> = [
    { label: "Line", className: "w-16", cellClassName: "tabular-nums", cell: (l) => l.line },
    { label: IMPORT_COLUMNS[kind][0]!, cell: (l) => <span className="font-mono">{l.value}</span> },
    {
      label: "Result",
      cell: (l) =>
        l.state === "CREATE" ? (
          <Badge variant="success">Would create</Badge>
        ) : (
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="destructive">Error</Badge>
            <span>{l.error}</span>
          </span>
        ),
    },
  ];

  return (
    <>
      <IpamHeader
        description={`Import prefixes, IP addresses or VLANs from a CSV file. You see what each line would do first; nothing is written until you press “Import”, and then every line is created or none. At most ${IMPORT_MAX_LINES.toLocaleString("en-GB")} lines per file.`}
      />
      <div className="grid gap-6">
        {imported ? (
          <Alert variant="success" role="status">
            <CircleCheck aria-hidden />
            <AlertTitle>Imported {plural(imported.created, ...NOUN[imported.kind])}</AlertTitle>
            <AlertDescription>
              Each is in the audit log and, for addresses, in the history of its pool.{" "}
              <Link className="underline" href={LIST_OF[imported.kind]}>
                See the {NOUN[imported.kind][1]}
              </Link>
            </AlertDescription>
          </Alert>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>1. Choose the file</CardTitle>
            <CardDescription>
              The first line names the columns, in any order: <code>{IMPORT_COLUMNS[kind].join(", ")}</code> (only{" "}
              <code>{IMPORT_COLUMNS[kind][0]}</code> is required). VRFs, sites and VLAN groups are given by name;
              addresses must fall inside a prefix, so import the prefixes first.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-[12rem_1fr]">
            <FormField label="The file holds">
              <NativeSelect
                value={kind}
                disabled={busy}
                onChange={(e) => {
                  const k = e.target.value as ImportKind;
                  setKind(k);
                  setImported(null);
                  if (file) void check(file, k);
                }}
              >
                {IMPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {IMPORT_KIND_LABELS[k]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="CSV file" description={file ? file.name : "Comma-separated, UTF-8."}>
              <Input type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.currentTarget)} disabled={busy} />
            </FormField>
            {dryRun.isPending ? (
              <p className="flex items-center gap-2 text-sm text-muted-foreground sm:col-span-2">
                <Spinner label="Checking" /> Checking every line…
              </p>
            ) : null}
            {!preview ? (
              <div className="sm:col-span-2">
                <FormError message={error?.message} title={error?.title} />
              </div>
            ) : null}
          </CardContent>
        </Card>

        {file && preview ? (
          <Card className="gap-0 pb-0">
            <CardHeader className="pb-4">
              <CardTitle>2. Check the lines</CardTitle>
              <CardDescription>
                {plural(preview.lines.length, "line")}: {preview.counts.CREATE} would be created
                {preview.counts.ERROR ? `, ${plural(preview.counts.ERROR, "error")}` : ""}. Nothing has been written
                yet.
              </CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 pb-4">
              <FormError message={error?.message} title={error?.title} />
              {!preview.canImport ? (
                <p className="text-sm text-muted-foreground">
                  Correct the lines with an error in the file and choose it again: the file is imported whole or not at
                  all.
                </p>
              ) : null}
              <div>
                <Button onClick={importAll} disabled={!preview.canImport || busy}>
                  {run.isPending ? <Spinner className="text-current" label="Importing" /> : <FileUp aria-hidden />}
                  {run.isPending ? "Importing…" : `Import ${plural(preview.counts.CREATE, "line")}`}
                </Button>
              </div>
            </CardContent>
            <DataTable rows={preview.lines} columns={columns} rowKey={(l) => String(l.line)} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
