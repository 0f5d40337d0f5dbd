"use client";

import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { columnMappingSchema, DATE_FORMATS, type ColumnMapping } from "@/server/modules/bank-transfers/schema";
import { checkWith } from "../check-with";
import type { Mapping } from "./statement-columns";

const COLUMNS = [
  { name: "date", label: "Date", required: true },
  { name: "amount", label: "Amount received", required: true },
  { name: "reference", label: "Reference", required: true },
  { name: "description", label: "Description", required: false },
] as const;

/** Which of the bank's columns holds what; submitting runs the dry run. */
export function StatementMappingForm({
  headers,
  sample,
  initial,
  pending,
  onSubmit,
}: {
  headers: string[];
  sample: Record<string, string>[];
  initial: Mapping;
  pending: boolean;
  onSubmit: (mapping: ColumnMapping) => void;
}) {
  const form = useForm<Mapping>({ defaultValues: initial, resolver: checkWith(columnMappingSchema) });
  const { errors } = form.formState;
  const example = (column: string) => {
    const values = sample.map((row) => row[column]).filter(Boolean);
    return values.length ? `e.g. ${values.slice(0, 2).join(", ")}` : undefined;
  };
  const submit = form.handleSubmit((v) =>
    onSubmit({
      date: v.date,
      amount: v.amount,
      reference: v.reference,
      description: v.description || undefined,
      dateFormat: v.dateFormat as ColumnMapping["dateFormat"],
    }),
  );

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        {COLUMNS.map((c) => (
          <FormField
            key={c.name}
            label={c.label}
            required={c.required}
            error={errors[c.name]?.message}
            description={
              form.watch(c.name)
                ? example(form.watch(c.name))
                : c.name === "amount"
                  ? "One signed amount column, or the credit column."
                  : undefined
            }
          >
            <NativeSelect {...form.register(c.name)}>
              <option value="">{c.required ? "Choose a column" : "None"}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ))}
        <FormField label="Date format" required error={errors.dateFormat?.message}>
          <NativeSelect {...form.register("dateFormat")}>
            {DATE_FORMATS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner className="text-current" label="Checking" /> : null}
          {pending ? "Checking every line…" : "Check the lines"}
        </Button>
      </div>
    </form>
  );
}
