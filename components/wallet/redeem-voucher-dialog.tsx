"use client";

import type { InvalidateQueryFilters } from "@tanstack/react-query";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { checkWith } from "@/components/console/check-with";
import { formErrorOf } from "@/components/console/errors";
import { FormDialog } from "@/components/console/form-dialog";
import { useDialogForm, useSaveSubmit } from "@/components/console/use-dialog-form";
import { redeemRechargeSchema } from "@/server/modules/wallet/schema";

type Values = { pin: string };
export interface Redeemed {
  serial: string;
  value: string;
  renewed: number;
}

/**
 * A recharge voucher's PIN into a wallet: the customer's own in the portal, or, at the counter,
 * the customer whose page staff are on (`redeem` says which). A wrong, used or expired PIN is
 * answered beside the field; the server limits wrong tries.
 */
export function RedeemVoucherDialog({
  open,
  onOpenChange,
  redeem,
  pending,
  refresh,
  description,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  redeem: (pin: string) => Promise<Redeemed>;
  pending: boolean;
  refresh: InvalidateQueryFilters[];
  description: string;
}) {
  const form = useDialogForm<Values>(open, () => ({ pin: "" }), { resolver: checkWith(redeemRechargeSchema) });
  const onSubmit = useSaveSubmit(form, {
    save: (values) => redeem(values.pin),
    refresh,
    saved: (_values, r) => ({
      title: `${r.value} added to the wallet`,
      description: r.renewed
        ? `Voucher ${r.serial}. ${r.renewed} suspended prepaid plan(s) renewed and resumed.`
        : `Voucher ${r.serial}.`,
    }),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Redeem a recharge voucher"
      description={description}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={pending}
      submitLabel="Redeem"
    >
      <FormField label="PIN" error={form.formState.errors.pin?.message} required>
        <Input
          inputMode="numeric"
          autoComplete="off"
          placeholder="1234-5678-9012"
          className="font-mono tracking-wider"
          {...form.register("pin")}
        />
      </FormField>
    </FormDialog>
  );
}
