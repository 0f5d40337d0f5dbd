"use client";

import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { PACKAGE_TYPE_LABELS, type PACKAGE_TYPES } from "@/server/modules/packages/schema";
import { createServiceRequestSchema, SERVICE_REQUEST_KIND_LABELS } from "@/server/modules/service-requests/schema";
import { todayIn } from "@/server/modules/subscriptions/dates";
import { useRefreshCustomer } from "../customers/use-refresh-customer";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type FormIn = z.input<typeof createServiceRequestSchema>;
type FormOut = z.output<typeof createServiceRequestSchema>;
const KINDS = ["UPGRADE", "DOWNGRADE", "RELOCATION", "TERMINATION"] as const;

/** Staff record a customer's request (by phone, in the shop) for a decision in the queue. */
export function RequestChangeDialog({
  open,
  onOpenChange,
  subscription,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  subscription: {
    id: string;
    customerId: string;
    packageId: string;
    package: { name: string; type: (typeof PACKAGE_TYPES)[number] };
  };
}) {
  const trpc = useTRPC();
  // The company's today, not the browser's: the server refuses dates before it (a browser west of
  // the company's zone would otherwise start the form on yesterday around midnight). The form
  // starts again once the company's zone has loaded, should it open before.
  const timeZone = useQuery(trpc.companies.current.queryOptions()).data?.timeZone;
  const form = useDialogForm<FormIn, FormOut>(
    open ? `${subscription.id} ${timeZone ?? ""}` : null,
    () => ({
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      kind: "UPGRADE",
      packageId: "",
      newAddress: "",
      effectiveDate: todayIn(timeZone ?? "UTC"),
      note: "",
    }),
    { resolver: zodResolver(createServiceRequestSchema) },
  );
  const kind = form.watch("kind");
  // Upgrades and downgrades offer different packages: a choice made for the other one is dropped.
  React.useEffect(() => form.setValue("packageId", ""), [kind, form]);
  const packages = useQuery(
    trpc.packages.list.queryOptions(
      { archived: "active", pageSize: 100, sort: "priceMinor" },
      { enabled: open && (kind === "UPGRADE" || kind === "DOWNGRADE") },
    ),
  );
  const create = useMutation(trpc.serviceRequests.create.mutationOptions());
  const refreshCustomer = useRefreshCustomer();
  const { errors } = form.formState;
  // An upgrade or downgrade stays within the kind of service (PPPoE, fibre…) and costs more or
  // less than today's package: only those are offered (the server refuses the rest too).
  const rows = packages.data?.rows;
  const current = rows?.find((p) => p.id === subscription.packageId);
  const choices = rows?.filter(
    (p) =>
      p.id !== subscription.packageId &&
      p.type === subscription.package.type &&
      (!current || (kind === "UPGRADE" ? p.priceMinor > current.priceMinor : p.priceMinor < current.priceMinor)),
  );
  const kindLabel = PACKAGE_TYPE_LABELS[subscription.package.type];
  const direction = kind === "UPGRADE" ? "pricier" : "cheaper";

  const onSubmit = useSaveSubmit(form, {
    save: async (values) => {
      await create.mutateAsync(values);
      await refreshCustomer(subscription.customerId);
    },
    refresh: trpc.serviceRequests.list.pathFilter(),
    saved: (values) => ({
      title: `${SERVICE_REQUEST_KIND_LABELS[values.kind]} requested`,
      description: "It waits in Service requests for a decision.",
    }),
    done: () => onOpenChange(false),
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Request a change"
      description={`For ${subscription.package.name}. A manager approves or rejects it in Service requests.`}
      className="sm:max-w-lg"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Submit request"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Change" error={errors.kind?.message} required>
          <NativeSelect {...form.register("kind")}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {SERVICE_REQUEST_KIND_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Effective date" error={errors.effectiveDate?.message} required>
          <Input type="date" {...form.register("effectiveDate")} />
        </FormField>
      </div>
      {kind === "UPGRADE" || kind === "DOWNGRADE" ? (
        <FormField
          label="New package"
          error={errors.packageId?.message}
          required
          description={
            choices?.length === 0
              ? `No ${direction} ${kindLabel} package is on sale. For another kind of service, add a new subscription instead.`
              : `Only ${direction} ${kindLabel} packages: another kind of service needs a new subscription.`
          }
        >
          <NativeSelect {...form.register("packageId")} disabled={choices?.length === 0}>
            <option value="">{packages.isLoading ? "Loading packages…" : "Choose a package"}</option>
            {choices?.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      ) : null}
      {kind === "RELOCATION" ? (
        <FormField label="New installation address" error={errors.newAddress?.message} required>
          <Textarea rows={2} {...form.register("newAddress")} />
        </FormField>
      ) : null}
      <FormField label="Note" error={errors.note?.message}>
        <Textarea rows={2} {...form.register("note")} />
      </FormField>
    </FormDialog>
  );
}
