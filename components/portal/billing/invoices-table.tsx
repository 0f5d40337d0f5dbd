"use client";

import type { ReactNode } from "react";
import { Download } from "lucide-react";
import { InvoiceStatusBadge } from "@/components/console/billing/invoice-status";
import { formatDate } from "@/components/console/format";
import type { RouterOutputs } from "@/components/console/types";
import { formatMoney } from "@/server/lib/money";

type InvoiceRow = RouterOutputs["portal"]["billing"]["invoices"]["rows"][number];

// Invoices are calendar dates (stored at UTC midnight): shown in UTC to keep the day.
const day = (d: Date | string) => formatDate(d, "UTC");

/**
 * The customer's invoices, each with its PDF (the portal's own download route checks it is theirs)
 * and, when given, `action` (paying that invoice's balance).
 */
export function PortalInvoicesTable({ rows, action }: { rows: InvoiceRow[]; action?: (row: InvoiceRow) => ReactNode }) {
  return (
    <ul className="grid gap-2 text-sm" aria-label="Invoices">
      {rows.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-md border p-2">
          <span className="min-w-0">
            <span className="block font-medium">{i.number}</span>
            <span className="block text-muted-foreground">
              Issued {day(i.issueDate)} · due {day(i.dueDate)}
            </span>
          </span>
          <span className="flex items-center gap-3">
            <InvoiceStatusBadge status={i.status} overdue={i.overdue} />
            <span className="font-medium tabular-nums">{formatMoney(i.totalMinor, i.currency)}</span>
            <a
              href={`/portal/invoices/${i.id}/pdf`}
              download
              className="inline-flex items-center gap-1 underline-offset-4 hover:underline"
              aria-label={`Download invoice ${i.number} as PDF`}
            >
              <Download aria-hidden className="size-4" /> PDF
            </a>
            {action?.(i)}
          </span>
        </li>
      ))}
    </ul>
  );
}
