"use client";

import * as React from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/**
 * The statement of account for a date range, as a PDF download. Left empty, the range is the
 * last year up to today; a range that does not make sense is answered with the reason.
 */
export function StatementDownload({
  href,
  labels = ["Statement from", "to"],
}: {
  href: string;
  labels?: [string, string];
}) {
  const [from, setFrom] = React.useState("");
  const [to, setTo] = React.useState("");
  const reversed = !!from && !!to && from > to;
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <FormField label={labels[0]} description="Empty: a year ago.">
        <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </FormField>
      <FormField
        label={labels[1]}
        description={reversed ? undefined : "Empty: today."}
        error={reversed ? "The statement must end on or after the day it starts." : undefined}
      >
        <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </FormField>
      <Button asChild variant="outline" disabled={reversed}>
        <a href={reversed ? undefined : `${href}${query ? `?${query}` : ""}`} download aria-disabled={reversed}>
          <Download aria-hidden /> Statement (PDF)
        </a>
      </Button>
    </div>
  );
}
