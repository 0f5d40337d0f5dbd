"use client";

import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Download, UserX } from "lucide-react";
import type { z } from "zod";
import { saveExport } from "@/components/privacy/save-export";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { eraseCustomerSchema, type ExportFormat } from "@/server/modules/privacy/schema";
import { applyServerErrors, errorMessage, formErrorOf } from "../errors";
import { formatDateTime } from "../format";
import { FormDialog } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";
import type { CustomerDetail } from "./types";

type FormIn = z.input<typeof eraseCustomerSchema>;
type FormOut = z.output<typeof eraseCustomerSchema>;

/**
 * Data protection on the customer page: the customer's data as a file (right of access) and
 * erasure of their personal data (right to be forgotten). Both are audited on the server.
 */
export function DataProtectionCard({
  c,
  timeZone,
  canExport,
  canErase,
}: {
  c: CustomerDetail;
  timeZone: string;
  canExport: boolean;
  canErase: boolean;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const [erasing, setErasing] = React.useState(false);
  const download = useMutation(
    trpc.privacy.exportCustomer.mutationOptions({
      onSuccess: (file) => saveExport(file),
      onError: (err) => toast({ variant: "destructive", title: "Could not export", description: errorMessage(err) }),
    }),
  );
  if (!canExport && !canErase) return null;
  const exporting = (format: ExportFormat) => download.isPending && download.variables?.format === format;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Personal data</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {c.erasedAt ? (
          <p>
            <span className="font-medium">Erased</span>{" "}
            <span className="text-muted-foreground">
              {formatDateTime(c.erasedAt, timeZone)}. Invoices, payments and the audit trail are kept without the
              person&apos;s details.
            </span>
          </p>
        ) : null}
        {canExport ? (
          <div className="grid gap-2">
            <p className="text-muted-foreground">
              Everything held about this customer, for a data access request. Each download is audited.
            </p>
            <div className="flex flex-wrap gap-2">
              {(["json", "csv"] as const).map((format) => (
                <Button
                  key={format}
                  variant="outline"
                  size="sm"
                  disabled={download.isPending}
                  onClick={() => download.mutate({ id: c.id, format })}
                >
                  <Download aria-hidden />
                  {exporting(format) ? "Preparing…" : `Download data (${format.toUpperCase()})`}
                </Button>
              ))}
            </div>
          </div>
        ) : null}
        {canErase && !c.erasedAt ? (
          <Button variant="destructive" size="sm" className="justify-self-start" onClick={() => setErasing(true)}>
            <UserX aria-hidden />
            Erase personal data…
          </Button>
        ) : null}
      </CardContent>
      {canErase ? <EraseDialog c={c} open={erasing} onOpenChange={setErasing} /> : null}
    </Card>
  );
}

function EraseDialog({
  c,
  open,
  onOpenChange,
}: {
  c: CustomerDetail;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useDialogForm<FormIn, FormOut>(open, () => ({ id: c.id, confirmAccountNo: "" }), {
    resolver: zodResolver(eraseCustomerSchema),
  });
  const erase = useMutation(trpc.privacy.eraseCustomer.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const done = await erase.mutateAsync(values);
      toast({
        variant: "success",
        title: done.alreadyErased
          ? `${done.accountNo} was already erased`
          : `${done.accountNo}'s personal data is erased`,
      });
      await queryClient.invalidateQueries(trpc.customers.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (erase.isPending ? undefined : onOpenChange(o))}
      title="Erase personal data"
      description={
        <>
          {c.displayName}&apos;s name, contact details, addresses, ID document, notes, portal sign-in, ticket messages
          and files they wrote are replaced or removed for good. Subscriptions, invoices, payments and the audit trail
          stay, without the personal details. Terminate every subscription first. This cannot be undone.
        </>
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={erase.isPending}
      submitLabel="Erase for good"
      destructive
      pendingText="Erasing…"
    >
      <FormField
        label={`Type the account number ${c.accountNo} to confirm`}
        error={form.formState.errors.confirmAccountNo?.message}
        required
      >
        <Input autoComplete="off" placeholder={c.accountNo} {...form.register("confirmAccountNo")} />
      </FormField>
    </FormDialog>
  );
}
