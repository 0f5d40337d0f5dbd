"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Download, Ticket } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { generateBatchSchema, MAX_BATCH_QUANTITY } from "@/server/modules/vouchers/schema";
import { FormError, QueryError, formErrorOf } from "../errors";
import { useSaveSubmit } from "../use-dialog-form";
import { sheetHref } from "./types";

type FormIn = z.input<typeof generateBatchSchema>;
type FormOut = z.output<typeof generateBatchSchema>;

export function GenerateVouchersDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const packages = useQuery(trpc.vouchers.hotspotPackages.queryOptions(undefined, { enabled: open }));
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(generateBatchSchema),
    defaultValues: { packageId: "", quantity: 50, withPin: false, note: "" },
  });
  const generate = useMutation(trpc.vouchers.generateBatch.mutationOptions());
  const { errors } = form.formState;
  const selected = packages.data?.find((p) => p.id === form.watch("packageId"));
  const quantity = form.watch("quantity");

  const close = (o: boolean) => {
    if (generate.isPending) return;
    onOpenChange(o);
    if (!o) {
      form.reset();
    }
  };

  const onSubmit = useSaveSubmit(form, {
    save: (values) => generate.mutateAsync(values),
    refresh: trpc.vouchers.listBatches.pathFilter(),
    saved: (_values, batch) => ({
      durationMs: 15_000,
      title: `${batch.quantity} ${batch.packageName} ${batch.quantity === 1 ? "voucher" : "vouchers"} ready`,
      description: (
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          <a
            className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
            href={sheetHref(batch.id)}
            download
          >
            <Download aria-hidden className="size-3.5" />
            Download the PDF to print
          </a>
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/vouchers/${batch.id}`}>
            Open the batch
          </Link>
        </span>
      ),
    }),
    done: () => {
      form.reset();
      onOpenChange(false);
    },
  });

  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Generate vouchers</DialogTitle>
          <DialogDescription>
            Each voucher gets its own code. Its time or data allowance starts counting at the customer’s first login,
            not when it is printed.
          </DialogDescription>
        </DialogHeader>
        {packages.isError ? (
          <QueryError
            title="Could not load your hotspot packages"
            error={packages.error}
            onRetry={() => packages.refetch()}
          />
        ) : (
          <form noValidate onSubmit={onSubmit} className="grid gap-4">
            <FormError message={formErrorOf(form)} />
            <FormField
              label="Hotspot package"
              required
              error={errors.packageId?.message}
              description={
                selected ? (
                  (selected.problem ?? `${selected.price} each · ${selected.validity}`)
                ) : packages.data?.length === 0 ? (
                  <>
                    You have no hotspot packages on sale.{" "}
                    <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/packages">
                      Create one in Packages
                    </Link>
                    .
                  </>
                ) : (
                  "The package sets the price, speed and validity printed on each card."
                )
              }
            >
              <NativeSelect disabled={!packages.data} {...form.register("packageId")}>
                <option value="" disabled>
                  {packages.data ? "Choose a package" : "Loading packages…"}
                </option>
                {packages.data?.map((p) => (
                  <option key={p.id} value={p.id} disabled={!!p.problem}>
                    {`${p.name} · ${p.price}${p.problem ? " (needs setup)" : ""}`}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="How many"
              required
              error={errors.quantity?.message}
              description={`Up to ${MAX_BATCH_QUANTITY} per batch; 24 fit on an A4 page.`}
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_BATCH_QUANTITY}
                step={1}
                className="sm:w-40"
                {...form.register("quantity", { valueAsNumber: true })}
              />
            </FormField>
            <label className="flex items-start gap-3 rounded-md border p-3 text-sm">
              <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...form.register("withPin")} />
              <span className="grid gap-0.5">
                <span className="font-medium">Add a 4-digit PIN</span>
                <span className="text-muted-foreground">
                  Customers enter the PIN as well as the code. Use it when cards are displayed before they are paid for.
                </span>
              </span>
            </label>
            <FormField
              label="Note"
              error={errors.note?.message}
              description="For your records, e.g. the reseller or shop these go to. Not printed."
            >
              <Textarea rows={2} placeholder="Shop 4, Toi market" {...form.register("note")} />
            </FormField>
            <DialogFooter className="pt-2">
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={generate.isPending}>
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" disabled={generate.isPending || !packages.data}>
                {generate.isPending ? <Spinner className="text-current" label="Generating" /> : <Ticket aria-hidden />}
                {generate.isPending
                  ? "Generating…"
                  : Number.isInteger(quantity) && quantity > 0
                    ? `Generate ${quantity} ${quantity === 1 ? "voucher" : "vouchers"}`
                    : "Generate vouchers"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
