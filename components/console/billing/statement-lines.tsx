"use client";

import * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { formatAccountNumber } from "@/server/modules/customers/schema";
import { formatDate } from "../format";
import { CustomerPicker, type PickedCustomer } from "../customers/customer-picker";
import type { RouterOutputs } from "../types";

export type StatementPreview = RouterOutputs["bankTransfers"]["statement"]["preview"];
type Line = StatementPreview["lines"][number];
export type LineState = Line["state"];

/** A person's decision on a line: whose payment it is (and which invoice it pays first), or leave it out. */
export type Resolution = { customer?: PickedCustomer; invoiceId?: string; ignore?: boolean };

export const STATE_LABELS: Record<LineState, string> = {
  READY: "Ready to post",
  ALREADY_RECORDED: "Already recorded",
  NEEDS_CUSTOMER: "Needs a customer",
  ERROR: "Cannot be read",
  SKIPPED: "Skipped",
  IGNORED: "Ignored",
};

const STATE_VARIANT = {
  READY: "success",
  ALREADY_RECORDED: "secondary",
  NEEDS_CUSTOMER: "warning",
  ERROR: "destructive",
  SKIPPED: "outline",
  IGNORED: "outline",
} as const satisfies Record<LineState, string>;

function MatchCell({ line }: { line: Line }) {
  const m = line.match;
  if (!m.customerId) return <span className="text-muted-foreground">Nothing matched</span>;
  const who = (
    <span>
      {m.customerName} <span className="text-muted-foreground">{formatAccountNumber(m.accountNumber ?? 0)}</span>
    </span>
  );
  if (m.kind === "INVOICE")
    return (
      <div className="grid gap-0.5">
        <span>
          Invoice <span className="font-mono">{m.invoiceNumber}</span>
          {m.amountMatchesBalance ? <span className="text-muted-foreground"> · pays it in full</span> : null}
        </span>
        {who}
      </div>
    );
  return (
    <div className="grid gap-0.5">
      {who}
      <span className="text-xs text-muted-foreground">
        {m.kind === "CHOSEN" ? "Chosen by you" : "By account number"}:{" "}
        {m.invoiceNumber ? `invoice ${m.invoiceNumber} first, then oldest` : "oldest invoices first"}
      </span>
    </div>
  );
}

/** For a line a person assigned: which of the customer's unpaid invoices it pays first (optional). */
function ChosenInvoice({
  line,
  customerId,
  invoiceId,
  disabled,
  onChange,
}: {
  line: number;
  customerId: string;
  invoiceId: string | undefined;
  disabled: boolean;
  onChange: (invoiceId: string | undefined) => void;
}) {
  const trpc = useTRPC();
  const invoices = useQuery(trpc.payments.openInvoices.queryOptions({ customerId }));
  if (!invoices.data?.length) return null;
  return (
    <label className="mt-1 grid gap-1 text-xs" htmlFor={`statement-line-${line}-invoice`}>
      <span className="text-muted-foreground">Pays first</span>
      <NativeSelect
        id={`statement-line-${line}-invoice`}
        value={invoiceId ?? ""}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">The oldest invoices</option>
        {invoices.data.map((i) => (
          <option key={i.id} value={i.id}>
            {i.displayNumber} · owes {formatMoney(i.balanceMinor, i.currency)}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
}

/** The dry run, line by line, with a customer picker or "Ignore" where a line needs a decision. */
export function StatementLines({
  preview,
  resolutions,
  onResolve,
  disabled,
}: {
  preview: StatementPreview;
  resolutions: Map<number, Resolution>;
  onResolve: (line: number, resolution: Resolution | null) => void;
  disabled: boolean;
}) {
  // Ready lines whose automatic match a person is replacing (the payer wrote someone else's number).
  const [changing, setChanging] = React.useState<ReadonlySet<number>>(new Set());
  const pick = (line: number, customer: PickedCustomer | null) => {
    if (!customer) return;
    setChanging((s) => new Set([...s].filter((n) => n !== line)));
    onResolve(line, { customer });
  };
  return (
    <Table>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead className="w-14">Line</TableHead>
          <TableHead>Date</TableHead>
          <TableHead className="text-right">Amount</TableHead>
          <TableHead>Reference</TableHead>
          <TableHead>Matched</TableHead>
          <TableHead>Status</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {preview.lines.map((l) => {
          const resolution = resolutions.get(l.line);
          return (
            <TableRow key={l.line} className="align-top">
              <TableCell className="font-mono">{l.line}</TableCell>
              <TableCell className="whitespace-nowrap">{l.date ? formatDate(l.date, "UTC") : "—"}</TableCell>
              <TableCell className="text-right whitespace-nowrap">
                {l.amountMinor === null ? "—" : formatMoney(l.amountMinor, preview.currency)}
              </TableCell>
              <TableCell>
                <div className="grid gap-0.5">
                  <span className="font-mono">{l.reference || "—"}</span>
                  {l.description ? <span className="text-xs text-muted-foreground">{l.description}</span> : null}
                </div>
              </TableCell>
              <TableCell className="min-w-64">
                {l.state === "NEEDS_CUSTOMER" || changing.has(l.line) ? (
                  <CustomerPicker
                    id={`statement-line-${l.line}`}
                    picked={null}
                    onPick={(c) => pick(l.line, c)}
                    hint="Whose payment is it? Name or account number."
                  />
                ) : l.state === "SKIPPED" || l.state === "ERROR" ? null : (
                  <MatchCell line={l} />
                )}
                {resolution?.customer && l.state !== "NEEDS_CUSTOMER" ? (
                  <ChosenInvoice
                    line={l.line}
                    customerId={resolution.customer.id}
                    invoiceId={resolution.invoiceId}
                    disabled={disabled}
                    onChange={(invoiceId) => onResolve(l.line, { customer: resolution.customer, invoiceId })}
                  />
                ) : null}
                {resolution?.customer && l.state !== "NEEDS_CUSTOMER" ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={disabled}
                    onClick={() => onResolve(l.line, null)}
                    className="mt-1"
                  >
                    Undo the choice
                  </Button>
                ) : null}
                {l.state === "READY" && !resolution?.customer && !changing.has(l.line) ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={disabled}
                    onClick={() => setChanging((s) => new Set(s).add(l.line))}
                    className="mt-1"
                  >
                    Another customer
                  </Button>
                ) : null}
              </TableCell>
              <TableCell>
                <div className="grid justify-items-start gap-1">
                  <Badge variant={STATE_VARIANT[l.state]}>{STATE_LABELS[l.state]}</Badge>
                  {l.skipped ? <span className="text-xs text-muted-foreground">{l.skipped}</span> : null}
                  {l.errors.length ? (
                    <ul className="list-disc pl-4 text-xs text-destructive">
                      {l.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ) : null}
                  {l.state === "NEEDS_CUSTOMER" || l.state === "ERROR" || changing.has(l.line) ? (
                    <Button
                      variant="outline"
                      size="sm"
                      disabled={disabled}
                      onClick={() => {
                        setChanging((s) => new Set([...s].filter((n) => n !== l.line)));
                        onResolve(l.line, { ignore: true });
                      }}
                    >
                      Ignore this line
                    </Button>
                  ) : null}
                  {l.state === "IGNORED" ? (
                    <Button variant="ghost" size="sm" disabled={disabled} onClick={() => onResolve(l.line, null)}>
                      Undo
                    </Button>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
