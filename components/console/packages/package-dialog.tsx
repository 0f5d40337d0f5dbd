"use client";

import { useFieldArray, type Path } from "react-hook-form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { PACKAGE_TYPE_LABELS, PACKAGE_TYPES } from "@/server/modules/packages/schema";
import { checkResolver } from "../check-with";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { currencyDigits } from "./format";
import { packageInputOf, toFormValues, type PackageFormValues, type PackageInput } from "./package-form";
import { NetworkFields } from "./network-fields";
import { TaxCategoryOptions } from "../billing/tax-category-options";

export type PackageRow = RouterOutputs["packages"]["list"]["rows"][number];

const TYPE_HINTS: Record<PackageFormValues["type"], string> = {
  HOTSPOT: "Prepaid access sold with vouchers, by time or by data.",
  PPPOE: "Home or small-office service over PPPoE, billed per cycle.",
  FIBER: "Fibre-to-the-home service over PPPoE, billed per cycle.",
  CORPORATE: "Business links with SLA, volume discounts and static IPs.",
};

/** Create (pkg null) or edit a package. Only the fields that apply to the chosen type are shown. */
export function PackageDialog({
  open,
  onOpenChange,
  pkg,
  currency,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pkg: PackageRow | null;
  currency: string;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<PackageFormValues, PackageInput>(open, () => toFormValues(pkg, currency), {
    resolver: checkResolver(packageInputOf(currency)),
  });
  const discounts = useFieldArray({ control: form.control, name: "volumeDiscounts" });
  const create = useMutation(trpc.packages.create.mutationOptions());
  const update = useMutation(trpc.packages.update.mutationOptions());
  const policies = useQuery(trpc.bandwidth.policies.choices.queryOptions(undefined, { enabled: open }));
  const onSubmit = useSaveSubmit(form, {
    save: (data) => (pkg ? update.mutateAsync({ id: pkg.id, data }) : create.mutateAsync(data)),
    refresh: trpc.packages.list.pathFilter(),
    saved: (_data, saved) => ({
      title: pkg ? `${saved.name} is updated` : `${saved.name} is created`,
      description: pkg
        ? "Subscribers get the new speeds when next provisioned."
        : "You can now subscribe customers to it.",
    }),
    done: () => onOpenChange(false),
  });
  const type = form.watch("type");
  const mode = form.watch("hotspotMode");
  const hotspot = type === "HOTSPOT";
  const corporate = type === "CORPORATE";
  const { errors } = form.formState;
  const err = (name: Path<PackageFormValues>) =>
    (form.getFieldState(name, form.formState).error?.message as string | undefined) ?? undefined;
  const moneyPlaceholder = currencyDigits(currency) ? "0.00" : "0";

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      title={pkg ? `Edit ${pkg.name}` : "New package"}
      description={`Speeds in Mbit/s, prices in ${currency}. ${TYPE_HINTS[type]}`}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      pendingText="Saving…"
      submitLabel={pkg ? "Save changes" : "Create package"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Type" error={errors.type?.message} required>
          <NativeSelect {...form.register("type")}>
            {PACKAGE_TYPES.map((t) => (
              <option key={t} value={t}>
                {PACKAGE_TYPE_LABELS[t]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Visibility"
          error={errors.visibility?.message}
          description="Staff-only packages are not offered in the portal."
        >
          <NativeSelect {...form.register("visibility")}>
            <option value="PUBLIC">Public</option>
            <option value="STAFF_ONLY">Staff only</option>
          </NativeSelect>
        </FormField>
        <FormField label="Name" error={errors.name?.message} required>
          <Input placeholder="Home 20" {...form.register("name")} />
        </FormField>
        <FormField label="Code" error={errors.code?.message} required description="Short and unique, e.g. HOME-20.">
          <Input placeholder="HOME-20" className="uppercase" {...form.register("code")} />
        </FormField>
      </div>
      <FormField label="Description" error={errors.description?.message}>
        <Textarea rows={2} {...form.register("description")} />
      </FormField>

      {hotspot ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <FormField label="Sold by" error={errors.hotspotMode?.message} required>
            <NativeSelect {...form.register("hotspotMode")}>
              <option value="">Choose…</option>
              <option value="TIME">Time</option>
              <option value="DATA">Data</option>
            </NativeSelect>
          </FormField>
          {mode !== "DATA" ? (
            <FormField
              label="Validity (minutes)"
              error={errors.validityMinutes?.message}
              required={mode === "TIME"}
              description="1440 = one day."
            >
              <Input inputMode="numeric" {...form.register("validityMinutes")} />
            </FormField>
          ) : null}
          {mode !== "TIME" ? (
            <FormField label="Data allowance (MB)" error={errors.dataCapMb?.message} required={mode === "DATA"}>
              <Input inputMode="numeric" {...form.register("dataCapMb")} />
            </FormField>
          ) : null}
        </div>
      ) : null}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Speed</legend>
        <FormField label="Download (Mbit/s)" error={errors.downloadKbps?.message} required>
          <Input inputMode="decimal" placeholder="20" {...form.register("downloadKbps")} />
        </FormField>
        <FormField label="Upload (Mbit/s)" error={errors.uploadKbps?.message} required>
          <Input inputMode="decimal" placeholder="5" {...form.register("uploadKbps")} />
        </FormField>
        {!hotspot ? (
          <>
            <FormField
              label="Burst download (Mbit/s)"
              error={errors.burstDownloadKbps?.message}
              description="Optional; at least the download speed."
            >
              <Input inputMode="decimal" {...form.register("burstDownloadKbps")} />
            </FormField>
            <FormField label="Burst upload (Mbit/s)" error={errors.burstUploadKbps?.message}>
              <Input inputMode="decimal" {...form.register("burstUploadKbps")} />
            </FormField>
            <FormField label="Data cap (MB)" error={errors.dataCapMb?.message} description="Empty for unlimited.">
              <Input inputMode="numeric" {...form.register("dataCapMb")} />
            </FormField>
            <FormField
              label={`Overage per GB (${currency})`}
              error={errors.overagePerGbMinor?.message}
              description="Billed per GB used above the cap; empty for none."
            >
              <Input inputMode="decimal" {...form.register("overagePerGbMinor")} />
            </FormField>
            <FormField
              label="Session timeout (minutes)"
              error={errors.sessionTimeoutMinutes?.message}
              description="Optional forced reconnect."
            >
              <Input inputMode="numeric" {...form.register("sessionTimeoutMinutes")} />
            </FormField>
            <FormField
              label="Fair-use download (Mbit/s)"
              error={errors.fupDownloadKbps?.message}
              description="Speed after the cap; slower than the download speed."
            >
              <Input inputMode="decimal" {...form.register("fupDownloadKbps")} />
            </FormField>
            <FormField label="Fair-use upload (Mbit/s)" error={errors.fupUploadKbps?.message}>
              <Input inputMode="decimal" {...form.register("fupUploadKbps")} />
            </FormField>
          </>
        ) : null}
      </fieldset>

      {!hotspot ? <NetworkFields form={form} policies={policies.data} /> : null}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Price</legend>
        {!hotspot ? (
          <FormField label="Billing cycle" error={errors.billingCycle?.message} required>
            <NativeSelect {...form.register("billingCycle")}>
              <option value="MONTHLY">Monthly</option>
              <option value="QUARTERLY">Quarterly</option>
              <option value="YEARLY">Yearly</option>
            </NativeSelect>
          </FormField>
        ) : null}
        <FormField
          label={hotspot ? `Price per voucher (${currency})` : `Price per cycle (${currency})`}
          error={errors.priceMinor?.message}
          required
        >
          <Input inputMode="decimal" placeholder={moneyPlaceholder} {...form.register("priceMinor")} />
        </FormField>
        <FormField label="Tax category" error={errors.taxCategory?.message}>
          <NativeSelect {...form.register("taxCategory")}>
            <TaxCategoryOptions />
          </NativeSelect>
        </FormField>
        {!hotspot ? (
          <>
            <FormField label={`Setup fee (${currency})`} error={errors.setupFeeMinor?.message}>
              <Input inputMode="decimal" placeholder={moneyPlaceholder} {...form.register("setupFeeMinor")} />
            </FormField>
            <FormField
              label="Contract (months)"
              error={errors.contractMonths?.message}
              description="0 or empty: no minimum term."
            >
              <Input inputMode="numeric" {...form.register("contractMonths")} />
            </FormField>
            <FormField
              label={`Promotional price (${currency})`}
              error={errors.promoPriceMinor?.message}
              description="Lower than the price, for the first cycles."
            >
              <Input inputMode="decimal" {...form.register("promoPriceMinor")} />
            </FormField>
            <FormField label="Promotion cycles" error={errors.promoCycles?.message}>
              <Input inputMode="numeric" {...form.register("promoCycles")} />
            </FormField>
          </>
        ) : null}
      </fieldset>

      {corporate ? (
        <fieldset className="grid gap-4">
          <legend className="mb-2 text-sm font-semibold">Corporate terms</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField label="SLA uptime (%)" error={errors.slaUptimeBps?.message} description="e.g. 99.9">
              <Input inputMode="decimal" {...form.register("slaUptimeBps")} />
            </FormField>
            <FormField label="Response (minutes)" error={errors.slaResponseMinutes?.message}>
              <Input inputMode="numeric" {...form.register("slaResponseMinutes")} />
            </FormField>
            <FormField label="Resolution (minutes)" error={errors.slaResolutionMinutes?.message}>
              <Input inputMode="numeric" {...form.register("slaResolutionMinutes")} />
            </FormField>
          </div>
          <div className="grid gap-2">
            <p className="text-sm font-medium">Volume discounts</p>
            {discounts.fields.length === 0 ? (
              <p className="text-sm text-muted-foreground">None. Add a tier to discount larger orders.</p>
            ) : null}
            {discounts.fields.map((field, i) => (
              <div key={field.id} className="flex items-end gap-2">
                <FormField label="From quantity" className="flex-1">
                  <Input inputMode="numeric" {...form.register(`volumeDiscounts.${i}.minQuantity`)} />
                </FormField>
                <FormField label="Discount (%)" className="flex-1" error={err(`volumeDiscounts.${i}.discountBps`)}>
                  <Input inputMode="decimal" {...form.register(`volumeDiscounts.${i}.discountBps`)} />
                </FormField>
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove tier ${i + 1}`}
                  onClick={() => discounts.remove(i)}
                >
                  <Trash2 aria-hidden />
                </Button>
              </div>
            ))}
            {errors.volumeDiscounts?.message ? (
              <p role="alert" className="text-sm font-medium text-destructive">
                {errors.volumeDiscounts.message}
              </p>
            ) : null}
            <Button
              type="button"
              variant="outline"
              size="sm"
              className="w-fit"
              onClick={() => discounts.append({ minQuantity: "", discountBps: "" })}
            >
              <Plus aria-hidden />
              Add tier
            </Button>
          </div>
        </fieldset>
      ) : null}

      {!hotspot ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-primary" {...form.register("requiresStaticIp")} />
          Subscribers need a static IP address
        </label>
      ) : null}
      {!hotspot ? (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4 accent-primary" {...form.register("dataRollover")} />
            Unused data rolls over to the next billing period
          </label>
          {errors.dataRollover ? <p className="text-sm text-destructive">{errors.dataRollover.message}</p> : null}
        </div>
      ) : null}

      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-primary" {...form.register("prepaid")} />
        Prepaid: renews from the customer&apos;s wallet each term instead of being invoiced
      </label>
    </FormDialog>
  );
}
