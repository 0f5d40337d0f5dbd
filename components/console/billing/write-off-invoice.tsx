"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { writeOffInvoiceSchema } from "@/server/modules/billing/schema";
import { ConfirmDialog } from "../confirm-dialog";

const reasonOnly = writeOffInvoiceSchema.pick({ reason: true });

/** "Write off": the balance becomes bad debt, asked for with a reason in a confirm dialog. */
export function WriteOffInvoice({ id, balance }: { id: string; balance: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = React.useState(false);
  const [reason, setReason] = React.useState("");
  const [fieldError, setFieldError] = React.useState<string | null>(null);
  const writeOff = useMutation(trpc.billing.invoices.writeOff.mutationOptions());
  const confirm = async () => {
    const checked = reasonOnly.safeParse({ reason });
    if (!checked.success) return setFieldError(checked.error.issues[0]?.message ?? "Say why.");
    setFieldError(null);
    try {
      const saved = await writeOff.mutateAsync({ id, reason: checked.data.reason });
      queryClient.setQueryData(trpc.billing.invoices.get.queryKey({ id }), saved);
      await queryClient.invalidateQueries({ queryKey: trpc.billing.invoices.list.queryKey() });
      setOpen(false);
      toast({ variant: "success", title: `Invoice ${saved.displayNumber} written off` });
    } catch {
      // Shown in the dialog (writeOff.error).
    }
  };
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)}>
        Write off
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) writeOff.reset();
        }}
        title="Write this invoice off as uncollectible?"
        description={`Its balance of ${balance} becomes bad debt: reminders and suspensions for it stop and it leaves the receivables aging. A payment that comes later is still taken as a recovery.`}
        confirmLabel="Write off"
        pendingLabel="Writing off…"
        destructive
        pending={writeOff.isPending}
        error={writeOff.error?.message ?? null}
        onConfirm={confirm}
      >
        <FormField label="Why will it not be collected?" error={fieldError ?? undefined} required>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
        </FormField>
      </ConfirmDialog>
    </>
  );
}
