"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { formatMoney, formatSpeed } from "@/server/lib/money";
import { portalChangeRequestSchema } from "@/server/modules/portal/schema";

type FormIn = z.input<typeof portalChangeRequestSchema>;
type FormOut = z.output<typeof portalChangeRequestSchema>;

/** Upgrade, downgrade, move or cancel one service: staff approve it. */
export function ChangeRequestDialog({
  subscriptionId,
  currentPackageId,
  today,
  currency,
}: {
  subscriptionId: string;
  currentPackageId: string;
  today: string;
  currency: string;
}) {
  const [open, setOpen] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const packages = useQuery({ ...trpc.portal.packages.queryOptions(), enabled: open });
  const request = useMutation(
    trpc.portal.requestChange.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.portal.overview.queryKey() });
        setOpen(false);
      },
    }),
  );
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(portalChangeRequestSchema),
    defaultValues: { subscriptionId, kind: "UPGRADE", packageId: "", newAddress: "", effectiveDate: today, note: "" },
  });
  const kind = form.watch("kind");
  const server = fieldErrors(request.error);
  const err = (n: keyof FormIn) => form.formState.errors[n]?.message ?? server[n];

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), o ? undefined : (form.reset(), request.reset()))}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Request a change
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Request a change</DialogTitle>
          <DialogDescription>Our team reviews every request and confirms it with you.</DialogDescription>
        </DialogHeader>
        <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((v) => request.mutate(v))}>
          {request.error && Object.keys(server).length === 0 && (
            <Alert variant="destructive">
              <AlertDescription>{request.error.message}</AlertDescription>
            </Alert>
          )}
          <FormField label="What would you like?" error={err("kind")}>
            <NativeSelect {...form.register("kind")}>
              <option value="UPGRADE">A faster package (upgrade)</option>
              <option value="DOWNGRADE">A cheaper package (downgrade)</option>
              <option value="RELOCATION">Move the service to a new address</option>
              <option value="TERMINATION">Cancel this service</option>
            </NativeSelect>
          </FormField>
          {(kind === "UPGRADE" || kind === "DOWNGRADE") && (
            <FormField label="New package" error={err("packageId")}>
              <NativeSelect {...form.register("packageId")}>
                <option value="">Choose a package</option>
                {packages.data
                  ?.filter((p) => p.id !== currentPackageId)
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} · {formatSpeed(p.downloadKbps, p.uploadKbps)} · {formatMoney(p.priceMinor, currency)}
                    </option>
                  ))}
              </NativeSelect>
            </FormField>
          )}
          {kind === "RELOCATION" && (
            <FormField label="New address" error={err("newAddress")}>
              <Input {...form.register("newAddress")} />
            </FormField>
          )}
          <FormField label="From" error={err("effectiveDate")}>
            <Input type="date" min={today} {...form.register("effectiveDate")} />
          </FormField>
          <FormField label="Anything we should know?" error={err("note")}>
            <Textarea rows={3} {...form.register("note")} />
          </FormField>
          <DialogFooter>
            <Button type="submit" disabled={request.isPending}>
              {request.isPending ? "Sending…" : "Send request"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
