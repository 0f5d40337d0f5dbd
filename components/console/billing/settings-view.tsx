"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Percent } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import {
  ALIGNMENT_LABELS,
  billingSettingsSchema,
  CYCLE_ALIGNMENTS,
  ROUNDING_LABELS,
  ROUNDING_MODES,
  SUSPENDED_BILLING,
  SUSPENDED_LABELS,
  TAX_CATEGORY_LABELS,
  TAX_MODE_LABELS,
  TAX_MODES,
  taxRateSchema,
} from "@/server/modules/billing/schema";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";
import { BillingTabs } from "./billing-tabs";
import { CompanyLogo } from "./company-logo";
import { TaxCategoryOptions } from "./tax-category-options";

type SettingsIn = z.input<typeof billingSettingsSchema>;
type SettingsOut = z.output<typeof billingSettingsSchema>;

export function BillingSettingsView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.billing.settings.get.queryOptions());
  return (
    <>
      <PageHeader title="Billing" description="How invoices are numbered, taxed, rounded and timed." />
      <BillingTabs current="/billing/settings" />
      <div className="space-y-6">
        {query.isError ? (
          <QueryError title="Could not load billing settings" error={query.error} onRetry={() => query.refetch()} />
        ) : query.data ? (
          <SettingsForm
            canManage={canManage}
            currency={query.data.currency}
            initial={{
              invoicePrefix: query.data.invoicePrefix,
              paymentTermsDays: query.data.paymentTermsDays,
              taxMode: query.data.taxMode,
              roundingMode: query.data.roundingMode,
              cycleAlignment: query.data.cycleAlignment,
              suspendedBilling: query.data.suspendedBilling,
              taxRegistrationNumber: query.data.taxRegistrationNumber,
              invoiceAddress: query.data.invoiceAddress,
              mpesaPaybill: query.data.mpesaPaybill,
              mpesaTill: query.data.mpesaTill,
              bankDetails: query.data.bankDetails,
            }}
          />
        ) : (
          <Skeleton className="h-72 w-full" />
        )}
        <CompanyLogo canManage={canManage} />
        <TaxRates canManage={canManage} />
      </div>
    </>
  );
}

/** The optional texts as empty inputs rather than null. */
const blanks = (v: SettingsOut): SettingsIn => ({
  ...v,
  taxRegistrationNumber: v.taxRegistrationNumber ?? "",
  invoiceAddress: v.invoiceAddress ?? "",
  mpesaPaybill: v.mpesaPaybill ?? "",
  mpesaTill: v.mpesaTill ?? "",
  bankDetails: v.bankDetails ?? "",
});

function SettingsForm({
  initial,
  canManage,
  currency,
}: {
  initial: SettingsOut;
  canManage: boolean;
  currency: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<SettingsIn, unknown, SettingsOut>({
    resolver: zodResolver(billingSettingsSchema),
    defaultValues: blanks(initial),
  });
  const update = useMutation(trpc.billing.settings.update.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      queryClient.setQueryData(trpc.billing.settings.get.queryKey(), saved);
      form.reset(blanks(values));
      toast({ variant: "success", title: "Billing settings saved" });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const select = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
    values.map((v) => (
      <option key={v} value={v}>
        {labels[v]}
      </option>
    ));
  return (
    <form noValidate onSubmit={onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle>Invoices</CardTitle>
          <CardDescription>
            Amounts are in {currency}, the company&apos;s currency. Changes apply to invoices issued from now on.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid items-start gap-6 sm:grid-cols-2">
          <FormError message={formErrorOf(form)} title="Your changes were not saved" />
          <FormField
            label="Invoice number prefix"
            error={errors.invoicePrefix?.message}
            description="e.g. INV- gives INV-00042."
          >
            <Input disabled={!canManage} {...form.register("invoicePrefix")} />
          </FormField>
          <FormField
            label="Payment terms (days)"
            error={errors.paymentTermsDays?.message}
            description="Due date = issue date + these days."
          >
            <Input
              type="number"
              inputMode="numeric"
              disabled={!canManage}
              {...form.register("paymentTermsDays", { valueAsNumber: true })}
            />
          </FormField>
          <FormField label="Prices and tax" error={errors.taxMode?.message}>
            <NativeSelect disabled={!canManage} {...form.register("taxMode")}>
              {select(TAX_MODES, TAX_MODE_LABELS)}
            </NativeSelect>
          </FormField>
          <FormField label="Rounding (per line)" error={errors.roundingMode?.message}>
            <NativeSelect disabled={!canManage} {...form.register("roundingMode")}>
              {select(ROUNDING_MODES, ROUNDING_LABELS)}
            </NativeSelect>
          </FormField>
          <FormField label="Billing cycles start on" error={errors.cycleAlignment?.message}>
            <NativeSelect disabled={!canManage} {...form.register("cycleAlignment")}>
              {select(CYCLE_ALIGNMENTS, ALIGNMENT_LABELS)}
            </NativeSelect>
          </FormField>
          <FormField label="Suspended subscriptions" error={errors.suspendedBilling?.message}>
            <NativeSelect disabled={!canManage} {...form.register("suspendedBilling")}>
              {select(SUSPENDED_BILLING, SUSPENDED_LABELS)}
            </NativeSelect>
          </FormField>
          <FormField
            label="Your tax registration number"
            error={errors.taxRegistrationNumber?.message}
            description="Printed on every invoice (VAT number, KRA PIN)."
          >
            <Input disabled={!canManage} {...form.register("taxRegistrationNumber")} />
          </FormField>
          <FormField
            label="Address on invoices"
            error={errors.invoiceAddress?.message}
            description="Printed under your company's name on invoices and statements."
          >
            <Textarea rows={3} disabled={!canManage} {...form.register("invoiceAddress")} />
          </FormField>
          <FormField
            label="Bank transfer details"
            error={errors.bankDetails?.message}
            description="Bank, branch, account name and number, printed in the payment instructions."
          >
            <Textarea rows={3} disabled={!canManage} {...form.register("bankDetails")} />
          </FormField>
          <FormField
            label="M-Pesa paybill number"
            error={errors.mpesaPaybill?.message}
            description="Customers pay to it with their account number as the account."
          >
            <Input inputMode="numeric" disabled={!canManage} {...form.register("mpesaPaybill")} />
          </FormField>
          <FormField
            label="M-Pesa till number"
            error={errors.mpesaTill?.message}
            description="Buy Goods, if you take payments on a till."
          >
            <Input inputMode="numeric" disabled={!canManage} {...form.register("mpesaTill")} />
          </FormField>
        </CardContent>
        {canManage ? (
          <CardFooter className="justify-end border-t pt-6">
            <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}

type RateIn = z.input<typeof taxRateSchema>;
type RateOut = z.output<typeof taxRateSchema>;

function TaxRates({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const rates = useQuery(trpc.billing.taxRates.list.queryOptions());
  const form = useForm<RateIn, unknown, RateOut>({
    resolver: zodResolver(taxRateSchema),
    defaultValues: { name: "", rateBps: 1_600, taxCategory: "STANDARD", compound: false },
  });
  const create = useMutation(trpc.billing.taxRates.create.mutationOptions());
  const archive = useMutation(trpc.billing.taxRates.archive.mutationOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.billing.taxRates.list.queryKey() });
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const rate = await create.mutateAsync(values);
      form.reset({ name: "", rateBps: values.rateBps, taxCategory: values.taxCategory, compound: false });
      await refresh();
      toast({ variant: "success", title: `${rate.name} added` });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const { errors } = form.formState;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Tax rates</CardTitle>
        <CardDescription>
          Each rate applies to packages of its tax category; several rates may apply to one category (VAT and excise
          duty). A compound rate is charged on the price plus the other taxes, as Kenya charges VAT on price + excise
          duty. Rates are in basis points: 16 % is 1600.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {rates.isError ? (
          <QueryError title="Could not load tax rates" error={rates.error} onRetry={() => rates.refetch()} />
        ) : rates.data && rates.data.length === 0 ? (
          <EmptyState
            icon={<Percent />}
            title="No tax rates yet"
            description={
              canManage
                ? "Add your VAT (and any other tax) below before running billing."
                : "A billing administrator adds them."
            }
          />
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Rate</TableHead>
                <TableHead>Category</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {(rates.data ?? []).map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="font-medium">
                    {r.name} {r.archivedAt ? <Badge variant="outline">Archived</Badge> : null}
                  </TableCell>
                  <TableCell>
                    {r.rateBps / 100} %{r.compound ? " on price + other taxes" : ""}
                  </TableCell>
                  <TableCell>{TAX_CATEGORY_LABELS[r.taxCategory]}</TableCell>
                  <TableCell className="text-right">
                    {canManage ? (
                      <Button
                        variant="outline"
                        size="sm"
                        disabled={archive.isPending}
                        onClick={async () => {
                          await archive.mutateAsync({ id: r.id, archived: !r.archivedAt });
                          await refresh();
                        }}
                      >
                        {r.archivedAt ? "Restore" : "Archive"}
                      </Button>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {canManage ? (
          <form noValidate onSubmit={onSubmit} className="grid items-start gap-3 border-t pt-4 sm:grid-cols-4">
            <FormError message={formErrorOf(form)} title="The tax rate was not added" />
            <FormField label="Name" error={errors.name?.message} required>
              <Input placeholder="VAT" {...form.register("name")} />
            </FormField>
            <FormField label="Rate (basis points)" error={errors.rateBps?.message} required description="16 % = 1600">
              <Input type="number" inputMode="numeric" {...form.register("rateBps", { valueAsNumber: true })} />
            </FormField>
            <FormField label="Tax category" error={errors.taxCategory?.message} required>
              <NativeSelect {...form.register("taxCategory")}>
                <TaxCategoryOptions />
              </NativeSelect>
            </FormField>
            <div className="space-y-2 sm:pt-6">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="size-4 accent-primary" {...form.register("compound")} />
                Compound (on price + other taxes)
              </label>
              <Button type="submit" disabled={create.isPending}>
                Add tax rate
              </Button>
            </div>
          </form>
        ) : null}
      </CardContent>
    </Card>
  );
}
