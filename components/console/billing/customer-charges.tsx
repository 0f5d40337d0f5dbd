"use client";

import * as React from "react";
import type { z } from "zod";
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Receipt } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { formatMoney, parseMoney } from "@/server/lib/money";
import {
  addChargeSchema,
  CHARGE_KIND_LABELS,
  CHARGE_KINDS,
  invoiceNumber,
  type TAX_CATEGORIES,
} from "@/server/modules/billing/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { EmptyState } from "@/components/ui/empty-state";
import { formErrorOf, QueryError } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import { TaxCategoryOptions } from "./tax-category-options";

/** A customer's one-off charges: what waits for the next invoice, adding one, invoicing now. */
export function CustomerCharges({
  customerId,
  currency,
  canManage,
}: {
  customerId: string;
  currency: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const charges = useQuery(trpc.billing.charges.forCustomer.queryOptions({ customerId }));
  const [adding, setAdding] = React.useState(false);
  const cancel = useMutation(trpc.billing.charges.cancel.mutationOptions());
  const invoiceNow = useMutation(trpc.billing.charges.invoiceNow.mutationOptions());
  // Invoicing the charges issues an invoice: the customer's invoices and what they owe (the
  // Billing and dunning cards on the same page) change with the list of charges.
  const act = useToastAction([trpc.billing.pathFilter(), trpc.dunning.pathFilter()]);
  const money = (minor: number) => formatMoney(minor, currency);
  const waiting = charges.data?.waiting ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>One-off charges</CardTitle>
        <CardDescription>
          Equipment, installation and other charges go on this customer&apos;s next invoice, with tax.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {charges.isError ? (
          <QueryError title="Could not load the charges" error={charges.error} onRetry={() => charges.refetch()} />
        ) : waiting.length === 0 ? (
          <EmptyState
            icon={<Receipt />}
            title="Nothing waiting for the next invoice"
            description={canManage ? "Add a charge for a router sold or an installation done." : undefined}
          />
        ) : (
          <ul className="divide-y">
            {waiting.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3 py-2">
                <span>
                  {c.description}{" "}
                  <span className="text-muted-foreground">
                    {c.quantity} × {money(c.unitPriceMinor)}
                  </span>
                </span>
                <span className="flex items-center gap-2">
                  <span className="font-medium">{money(c.grossMinor)}</span>
                  {canManage && c.lineKind === "ONE_OFF" ? (
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={cancel.isPending}
                      // The charge leaving the list says it is cancelled; only a refusal gets a toast.
                      onClick={() =>
                        act(async () => {
                          await cancel.mutateAsync({ id: c.id });
                        })
                      }
                    >
                      Cancel
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        {charges.data?.done.length ? (
          <p className="text-muted-foreground">
            Billed recently:{" "}
            {charges.data.done
              .filter((c) => c.invoice)
              .slice(0, 5)
              .map((c, i) => (
                <React.Fragment key={c.id}>
                  {i ? ", " : ""}
                  <Link className="underline" href={`/billing/invoices/${c.invoice!.id}`}>
                    {c.description} ({invoiceNumber(c.invoice!.prefix, c.invoice!.number)})
                  </Link>
                </React.Fragment>
              ))}
          </p>
        ) : null}
        {canManage ? (
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setAdding(true)}>
              Add charge
            </Button>
            {waiting.length ? (
              <Button
                size="sm"
                variant="outline"
                disabled={invoiceNow.isPending}
                onClick={() =>
                  act(async () => {
                    const { invoiceId } = await invoiceNow.mutateAsync({ customerId });
                    return invoiceId
                      ? "Invoice issued"
                      : { title: "Nothing to invoice: the charges were billed meanwhile", variant: "default" };
                  })
                }
              >
                Invoice now
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardContent>
      <AddChargeDialog open={adding} customerId={customerId} currency={currency} onOpenChange={setAdding} />
    </Card>
  );
}

type ChargeForm = {
  kind: (typeof CHARGE_KINDS)[number];
  description: string;
  quantity: number;
  /** In the currency's units, as typed ("32.50"). */
  unitPrice: string;
  taxCategory: (typeof TAX_CATEGORIES)[number];
};
type ChargeInput = z.output<typeof addChargeSchema>;

/**
 * The charge as the billing module's schema wants it (the price in minor units), or the errors to
 * show beside the fields: every field's at once, the price's too when it cannot be read.
 */
const chargeOf =
  (customerId: string, currency: string): FormCheck<ChargeForm, ChargeInput> =>
  (values) => {
    const unitPriceMinor = parseMoney(values.unitPrice, currency);
    const { unitPrice, ...rest } = values;
    // An unreadable price stands in as 1 here, so the other fields are still checked.
    const parsed = addChargeSchema.safeParse({ ...rest, customerId, unitPriceMinor: unitPriceMinor ?? 1 });
    const errors = parsed.success ? {} : fieldMessages(values, parsed.error.issues, { unitPriceMinor: "unitPrice" });
    if (unitPriceMinor === null)
      return {
        errors: { ...errors, unitPrice: unitPrice.trim() ? "Enter a price such as 32.50." : "Enter the unit price." },
      };
    return parsed.success ? { input: parsed.data } : { errors };
  };

function AddChargeDialog({
  open,
  customerId,
  currency,
  onOpenChange,
}: {
  open: boolean;
  customerId: string;
  currency: string;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<ChargeForm, ChargeInput>(
    open || null,
    () => ({ kind: "EQUIPMENT", description: "", quantity: 1, unitPrice: "", taxCategory: "STANDARD" }),
    { resolver: checkResolver(chargeOf(customerId, currency)) },
  );
  const add = useMutation(trpc.billing.charges.add.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (input) => add.mutateAsync(input),
    refresh: trpc.billing.charges.forCustomer.pathFilter(),
    saved: (_values, charge) => `${charge.description} added to the next invoice`,
    done: () => onOpenChange(false),
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add a charge"
      description="It goes on the customer's next invoice, taxed by its category."
      className="sm:max-w-md"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={add.isPending}
      submitLabel="Add charge"
      pendingText="Adding…"
    >
      <FormField label="For" error={errors.kind?.message} required>
        <NativeSelect {...form.register("kind")}>
          {CHARGE_KINDS.map((k) => (
            <option key={k} value={k}>
              {CHARGE_KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Description" error={errors.description?.message} required>
        <Input placeholder="TP-Link Archer C6 router" {...form.register("description")} />
      </FormField>
      <div className="grid grid-cols-2 gap-3">
        <FormField label="Quantity" error={errors.quantity?.message} required>
          <Input type="number" inputMode="numeric" {...form.register("quantity", { valueAsNumber: true })} />
        </FormField>
        <FormField label={`Unit price (${currency})`} error={errors.unitPrice?.message} required>
          <Input inputMode="decimal" placeholder="32.50" autoComplete="off" {...form.register("unitPrice")} />
        </FormField>
      </div>
      <FormField label="Tax category" error={errors.taxCategory?.message} required>
        <NativeSelect {...form.register("taxCategory")}>
          <TaxCategoryOptions />
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}
