"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
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
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { PACKAGE_TYPE_LABELS, PPPOE_TYPES } from "@/server/modules/packages/schema";
import { createSubscriptionSchema } from "@/server/modules/subscriptions/schema";
import { useRefreshCustomer } from "../customers/use-refresh-customer";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { formatMoney, formatSpeed } from "../packages/format";

const schema = createSubscriptionSchema.omit({ customerId: true });
type FormIn = z.input<typeof schema>;
type FormOut = z.output<typeof schema>;

/** "Add subscription": a non-archived package, a start date and the installation details. */
export function AddSubscriptionDialog({
  customerId,
  currency,
  today,
  onCreated,
}: {
  customerId: string;
  currency: string;
  today: string;
  onCreated: (login: { username: string; password: string } | null) => void;
}) {
  const [open, setOpen] = React.useState(false);
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const packages = useQuery(
    trpc.packages.list.queryOptions({ archived: "active", pageSize: 100, sort: "name" }, { enabled: open }),
  );
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(schema),
    defaultValues: {
      packageId: "",
      startDate: today,
      quantity: 1,
      pppoeUsername: "",
      staticIp: "",
      installationAddress: "",
      cpeSerial: "",
    },
  });
  const create = useMutation(trpc.subscriptions.create.mutationOptions());
  const refreshCustomer = useRefreshCustomer();
  const pkg = packages.data?.rows.find((p) => p.id === form.watch("packageId"));
  const pppoe = !!pkg && PPPOE_TYPES.includes(pkg.type);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync({
        ...values,
        customerId,
        pppoeUsername: pppoe ? values.pppoeUsername : undefined,
        staticIp: pkg?.requiresStaticIp ? values.staticIp : undefined,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() }),
        refreshCustomer(customerId),
      ]);
      toast({
        variant: "success",
        title: `Subscribed to ${pkg?.name ?? "the package"}`,
        description: "It is pending: activate it once the connection is installed.",
      });
      setOpen(false);
      form.reset();
      const s = result.subscription;
      onCreated(
        s.pppoeUsername && result.pppoePassword ? { username: s.pppoeUsername, password: result.pppoePassword } : null,
      );
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (create.isPending) return;
        setOpen(o);
        if (!o) {
          form.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          Add subscription
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Add subscription</DialogTitle>
          <DialogDescription>
            The subscription starts as pending; activating it puts the login on the network.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField
            label="Package"
            error={errors.packageId?.message}
            required
            description={
              pkg
                ? `${formatSpeed(pkg.downloadKbps, pkg.uploadKbps)} · ${formatMoney(pkg.priceMinor, currency)}`
                : packages.isLoading
                  ? "Loading packages…"
                  : undefined
            }
          >
            <NativeSelect {...form.register("packageId")}>
              <option value="" disabled>
                Choose a package
              </option>
              {packages.data?.rows.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({PACKAGE_TYPE_LABELS[p.type]})
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Start date" error={errors.startDate?.message} required>
              <Input type="date" {...form.register("startDate")} />
            </FormField>
            {pkg?.type === "CORPORATE" ? (
              <FormField label="Quantity" error={errors.quantity?.message} description="Links or seats on this line.">
                <Input type="number" min={1} {...form.register("quantity", { valueAsNumber: true })} />
              </FormField>
            ) : null}
          </div>
          {pppoe ? (
            <FormField
              label="PPPoE username"
              error={errors.pppoeUsername?.message}
              description="Leave empty to use the account number (e.g. acc42). A password is generated."
            >
              <Input autoComplete="off" {...form.register("pppoeUsername")} />
            </FormField>
          ) : null}
          {pkg?.requiresStaticIp ? (
            <FormField label="Static IP address" error={errors.staticIp?.message} required>
              <Input placeholder="10.20.0.15" {...form.register("staticIp")} />
            </FormField>
          ) : null}
          <FormField label="Installation address" error={errors.installationAddress?.message}>
            <Textarea rows={2} {...form.register("installationAddress")} />
          </FormField>
          <FormField label="CPE serial number" error={errors.cpeSerial?.message}>
            <Input autoComplete="off" {...form.register("cpeSerial")} />
          </FormField>
          <DialogFooter className="pt-2">
            <Button type="button" variant="outline" disabled={create.isPending} onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <Spinner className="text-current" label="Saving" /> : null}
              {create.isPending ? "Adding…" : "Add subscription"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
