"use client";

import * as React from "react";
import { useFieldArray, type Path } from "react-hook-form";
import { Plus, Trash2 } from "lucide-react";
import { applyServerErrors, formErrorOf } from "@/components/console/errors";
import { fieldErrors } from "@/components/trpc/client";
import { FormDialog } from "@/components/console/form-dialog";
import { useDialogForm } from "@/components/console/use-dialog-form";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { currencyDigits, formatMoney, moneyInput, parseMoney } from "@/server/lib/money";
import {
  ARRANGEMENT_KIND_LABELS,
  ARRANGEMENT_KINDS,
  portalArrangementSchema,
  type PortalArrangementInput,
} from "@/server/modules/dunning/schema";

// A payment arrangement's plan: a promise (one date, the whole overdue amount) or instalments
// that add up to it. Staff use it on the customer page, customers in the portal.

type Values = {
  kind: (typeof ARRANGEMENT_KINDS)[number];
  note: string;
  instalments: { dueDate: string; amount: string }[];
};

export function ArrangementDialog({
  open,
  onOpenChange,
  title,
  description,
  currency,
  overdueMinor,
  today,
  submitLabel,
  submit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: React.ReactNode;
  currency: string;
  overdueMinor: number;
  today: string;
  submitLabel: string;
  submit: (input: PortalArrangementInput) => Promise<unknown>;
}) {
  const [pending, setPending] = React.useState(false);
  const form = useDialogForm<Values>(
    open,
    () => ({
      kind: "PROMISE",
      note: "",
      instalments: [{ dueDate: today, amount: moneyInput(overdueMinor, currency) }],
    }),
    {},
  );
  const rows = useFieldArray({ control: form.control, name: "instalments" });
  const kind = form.watch("kind");
  const err = (name: Path<Values>) => form.getFieldState(name, form.formState).error?.message;
  // A problem with the plan as a whole (the amounts' total, the number of instalments) is a root
  // error: an error on "instalments" itself would belong to no input, so react-hook-form would keep
  // it through the next submit and refuse every corrected plan until the dialog was reopened.
  const showPlanError = (message: string) => form.setError("root.instalments", { type: "validate", message });
  const planError = form.formState.errors.root?.instalments?.message;

  const onSubmit = form.handleSubmit(async (values) => {
    const instalments = values.instalments.map((i) => ({
      dueDate: i.dueDate,
      amountMinor: parseMoney(i.amount, currency) ?? Number.NaN,
    }));
    const badAmount = instalments.findIndex((i) => !Number.isInteger(i.amountMinor));
    if (badAmount >= 0) {
      form.setError(`instalments.${badAmount}.amount`, {
        message: `Enter an amount like ${currencyDigits(currency) ? "1500.00" : "1500"}.`,
      });
      return;
    }
    const parsed = portalArrangementSchema.safeParse({ kind: values.kind, note: values.note, instalments });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [head, index, field] = issue.path;
        if (head !== "instalments") form.setError(String(head) as Path<Values>, { message: issue.message });
        else if (typeof index === "number")
          form.setError(`instalments.${index}.${field === "amountMinor" ? "amount" : "dueDate"}`, {
            message: issue.message,
          });
        else showPlanError(issue.message);
      }
      return;
    }
    setPending(true);
    try {
      await submit(parsed.data);
      onOpenChange(false);
    } catch (e) {
      // "They must add up to …" is about the whole plan, not one field.
      const plan = fieldErrors(e).instalments;
      if (plan) showPlanError(plan);
      else applyServerErrors(form, e);
    } finally {
      setPending(false);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (pending ? undefined : onOpenChange(o))}
      title={title}
      description={description}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={pending}
      submitLabel={submitLabel}
    >
      <p className="text-sm">
        Overdue now: <span className="font-medium">{formatMoney(overdueMinor, currency)}</span>. The amounts must add up
        to it.
      </p>
      <FormField label="Kind" error={err("kind")}>
        <NativeSelect
          {...form.register("kind", {
            onChange: (e: React.ChangeEvent<HTMLSelectElement>) => {
              if (e.target.value === "PROMISE" && rows.fields.length > 1)
                form.setValue("instalments", [{ dueDate: today, amount: moneyInput(overdueMinor, currency) }]);
            },
          })}
        >
          {ARRANGEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {ARRANGEMENT_KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {rows.fields.map((row, i) => (
        <div key={row.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
          <FormField
            label={kind === "PROMISE" ? "Pay by" : `Instalment ${i + 1} by`}
            error={err(`instalments.${i}.dueDate`)}
          >
            <Input type="date" min={today} {...form.register(`instalments.${i}.dueDate`)} />
          </FormField>
          <FormField label={`Amount (${currency})`} error={err(`instalments.${i}.amount`)}>
            <Input inputMode="decimal" {...form.register(`instalments.${i}.amount`)} />
          </FormField>
          {kind === "INSTALMENTS" && rows.fields.length > 1 ? (
            <Button
              type="button"
              variant="ghost"
              size="icon"
              className="mt-6"
              aria-label={`Remove instalment ${i + 1}`}
              onClick={() => rows.remove(i)}
            >
              <Trash2 aria-hidden />
            </Button>
          ) : (
            <span />
          )}
        </div>
      ))}
      {planError ? <p className="text-sm text-destructive">{planError}</p> : null}
      {kind === "INSTALMENTS" && rows.fields.length < 12 ? (
        <Button
          type="button"
          variant="outline"
          size="sm"
          className="justify-self-start"
          onClick={() => rows.append({ dueDate: "", amount: "" })}
        >
          <Plus aria-hidden /> Add instalment
        </Button>
      ) : null}
      <FormField label="Note" error={err("note")}>
        <Textarea rows={2} {...form.register("note")} />
      </FormField>
    </FormDialog>
  );
}
