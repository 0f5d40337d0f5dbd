"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { currencyDigits, moneyInput, parseMoney } from "@/server/lib/money";
import { topUpOptionSchema } from "@/server/modules/data-caps/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { useDialogForm } from "../use-dialog-form";
import type { TopUpOptionRow } from "./top-ups-view";

type Values = { name: string; mb: string; price: string };

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
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useDialogForm<Values>(
    openFor,
    () => ({
      name: option?.name ?? "",
      mb: option ? String(option.mb) : "",
      price: option ? moneyInput(option.priceMinor, currency) : "",
    }),
    {},
  );
  const create = useMutation(trpc.dataCaps.options.create.mutationOptions());
  const update = useMutation(trpc.dataCaps.options.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (v) => {
    const priceMinor = parseMoney(v.price, currency);
    if (priceMinor === null) {
      form.setError("price", { message: `Enter the price with at most ${currencyDigits(currency)} decimals.` });
      return;
    }
    const parsed = topUpOptionSchema.safeParse({
      name: v.name,
      mb: /^\d+$/.test(v.mb.trim()) ? Number(v.mb) : NaN,
      priceMinor,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "priceMinor" ? "price" : (issue.path[0] as keyof Values);
        form.setError(field, { message: issue.message });
      }
      return;
    }
    try {
      const saved = option
        ? await update.mutateAsync({ id: option.id, ...parsed.data })
        : await create.mutateAsync(parsed.data);
      await queryClient.invalidateQueries(trpc.dataCaps.options.list.pathFilter());
      toast({
        variant: "success",
        title: option ? `${saved.name} is updated` : `${saved.name} is on sale`,
        description: option
          ? "Top-ups already bought keep what they were sold with."
          : "Capped customers can buy it in the portal.",
      });
      onOpenChange(false);
    } catch (e) {
      applyServerErrors(form, e);
    }
  });

  return (
    <Dialog open={!!openFor} onOpenChange={(o) => (pending ? undefined : onOpenChange(o))}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{option ? `Edit ${option.name}` : "New data top-up"}</DialogTitle>
          <DialogDescription>Data in MB (1 GB = 1,024 MB), price in {currency}.</DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField label="Name" error={errors.name?.message} required>
            <Input placeholder="5 GB boost" {...form.register("name")} />
          </FormField>
          <FormField label="Data (MB)" error={errors.mb?.message} required description="5 GB is 5120.">
            <Input inputMode="numeric" {...form.register("mb")} />
          </FormField>
          <FormField label={`Price (${currency})`} error={errors.price?.message} required>
            <Input inputMode="decimal" {...form.register("price")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" disabled={pending} onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : option ? "Save" : "Add top-up"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
