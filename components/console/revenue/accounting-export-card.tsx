"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import {
  accountingExportSchema,
  EXPORT_DOCUMENT_LABELS,
  EXPORT_DOCUMENTS,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
} from "@/server/modules/revenue/schema";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import { downloadCsv } from "./download";

// The accounting export: a period's invoices as a CSV QuickBooks Online or Sage imports (columns
// and import steps: docs/ACCOUNTING-EXPORT.md).

type ExportIn = z.input<typeof accountingExportSchema>;
type ExportOut = z.output<typeof accountingExportSchema>;

export function AccountingExportCard({ period }: { period: { from: string; to: string } }) {
  const toast = useToast();
  const form = useForm<ExportIn, unknown, ExportOut>({
    resolver: zodResolver(accountingExportSchema),
    defaultValues: { period, format: "QUICKBOOKS", document: "INVOICES" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { filename } = await downloadCsv("/api/revenue/accounting-export", {
        from: values.period.from,
        to: values.period.to,
        format: values.format,
        document: values.document,
      });
      toast({ variant: "success", title: `Downloaded ${filename}` });
    } catch (err) {
      setFormError(form, errorMessage(err));
    }
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Accounting export</CardTitle>
        <CardDescription>
          Invoices, payments and refunds, or credit notes of a period, in the layout your accounting package imports.
          Drafts and voided invoices are left out. Each column and the import steps are described in
          docs/ACCOUNTING-EXPORT.md.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} title="The export was not made" />
          <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-5">
            <FormField label="From" error={errors.period?.from?.message}>
              <Input type="date" {...form.register("period.from")} />
            </FormField>
            <FormField label="To" error={errors.period?.to?.message}>
              <Input type="date" {...form.register("period.to")} />
            </FormField>
            <FormField label="Documents" error={errors.document?.message}>
              <NativeSelect {...form.register("document")}>
                {EXPORT_DOCUMENTS.map((d) => (
                  <option key={d} value={d}>
                    {EXPORT_DOCUMENT_LABELS[d]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Layout" error={errors.format?.message}>
              <NativeSelect {...form.register("format")}>
                {EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {EXPORT_FORMAT_LABELS[f]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <div className="flex h-full items-end">
              <Button type="submit" disabled={isSubmitting}>
                <Download aria-hidden />
                {isSubmitting ? "Preparing…" : "Download CSV"}
              </Button>
            </div>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
