"use client";

import * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatMoney } from "@/server/lib/money";
import { formatAccountNumber } from "@/server/modules/customers/schema";
import { formatDate } from "../format";
import { CustomerPicker, type PickedCustomer } from "../tickets/new-ticket-dialog";
import type { RouterOutputs } from "../types";

export type StatementPreview = RouterOutputs["bankTransfers"]["statement"]["preview"];
type Line = StatementPreview["lines"][number];
export type LineState = Line["state"];

/** What a person decided for a line: whose payment it is, or to leave it out. */
export type Resolution = { customer?: PickedCustomer; ignore?: boolean };

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
      {m.customerName} <span className="text-muted-foreground">#{formatAccountNumber(m.accountNumber ?? 0)}</span>
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
        {m.kind === "CHOSEN" ? "Chosen by you" : "By account number"}: oldest invoices first
      </span>
    </div>
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
