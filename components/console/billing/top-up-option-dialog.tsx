"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { currencyDigits, moneyInput, parseMoney } from "@/server/lib/money";
import { topUpOptionSchema, type TopUpOptionInput } from "@/server/modules/data-caps/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import type { TopUpOptionRow } from "./top-ups-view";

type Values = { name: string; mb: string; price: string };

/** The top-up as the data-caps module's schema wants it (the price in minor units), or the errors to show. */
const topUpOptionOf =
  (currency: string): FormCheck<Values, TopUpOptionInput> =>
  (values) => {
    const priceMinor = parseMoney(values.price, currency);
    if (priceMinor === null)
      return { errors: { price: `Enter the price with at most ${currencyDigits(currency)} decimals.` } };
    const parsed = topUpOptionSchema.safeParse({
      name: values.name,
      mb: /^\d+$/.test(values.mb.trim()) ? Number(values.mb) : NaN,
      priceMinor,
    });
    return parsed.success
      ? { input: parsed.data }
      : { errors: fieldMessages(values, parsed.error.issues, { priceMinor: "price" }) };
  };

/** Create (option null) or edit a data top-up. The price is typed in the currency, stored in minor units. */
export function TopUpOptionDialog({
  openFor,
  option,
  currency,
  onOpenChange,
}: {
  openFor: unknown;
  option: TopUpOptionRow | null;
  currency: string;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<Values, TopUpOptionInput>(
    openFor,
    () => ({
      name: option?.name ?? "",
      mb: option ? String(option.mb) : "",
      price: option ? moneyInput(option.priceMinor, currency) : "",
    }),
    { resolver: checkResolver(topUpOptionOf(currency)) },
  );
  const create = useMutation(trpc.dataCaps.options.create.mutationOptions());
  const update = useMutation(trpc.dataCaps.options.update.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (input) => (option ? update.mutateAsync({ id: option.id, ...input }) : create.mutateAsync(input)),
    refresh: trpc.dataCaps.options.list.pathFilter(),
    saved: (_input, saved) => ({
      title: option ? `${saved.name} is updated` : `${saved.name} is on sale`,
      description: option
        ? "Top-ups already bought keep what they were sold with."
        : "Capped customers can buy it in the portal.",
    }),
    done: () => onOpenChange(false),
    fieldNames: { priceMinor: "price" },
  });
  const { errors } = form.formState;

  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={onOpenChange}
      title={option ? `Edit ${option.name}` : "New data top-up"}
      description={`Data in MB (1 GB = 1,024 MB), price in ${currency}.`}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      pendingText="Saving…"
      submitLabel={option ? "Save" : "Add top-up"}
    >
      <FormField label="Name" error={errors.name?.message} required>
        <Input placeholder="5 GB boost" {...form.register("name")} />
      </FormField>
      <FormField label="Data (MB)" error={errors.mb?.message} required description="5 GB is 5120.">
        <Input inputMode="numeric" {...form.register("mb")} />
      </FormField>
      <FormField label={`Price (${currency})`} error={errors.price?.message} required>
        <Input inputMode="decimal" {...form.register("price")} />
      </FormField>
    </FormDialog>
  );
}
