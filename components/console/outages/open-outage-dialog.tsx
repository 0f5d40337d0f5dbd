"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { openOutageSchema } from "@/server/modules/outages/schema";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { DevicePicker, type PickedDevice } from "../network/device-picker";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

type FormIn = z.input<typeof openOutageSchema>;
type FormOut = z.output<typeof openOutageSchema>;

/** Staff open an outage on a device or a whole site; the customers behind it are listed and told. */
export function OpenOutageDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (o: boolean) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [device, setDevice] = React.useState<PickedDevice | null>(null);
  const sites = useQuery({ ...trpc.ipam.sites.list.queryOptions({ pageSize: 100 }), enabled: open });
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({ deviceId: null, siteId: null, title: "", description: "" }),
    { resolver: zodResolver(openOutageSchema) },
  );
  // The picked device goes with the dialog: the next opening starts empty, like the form.
  const close = (o: boolean) => {
    if (!o) setDevice(null);
    onOpenChange(o);
  };
  const create = useMutation(trpc.outages.open.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => create.mutateAsync(values),
    refresh: trpc.outages.pathFilter(),
    saved: (_v, r) => `${r.label} opened: ${r.affected} customer${r.affected === 1 ? "" : "s"} affected`,
    done: (r) => {
      close(false);
      router.push(`/network/outages/${r.id}`);
    },
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={close}
      title="Open an outage"
      description="The customers behind the device (or every device at the site) are listed and told by e-mail, SMS and a banner in their portal. Those online right now are shown as up."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Open outage"
    >
      <DevicePicker
        id="outage-device"
        picked={device}
        onPick={(d) => {
          setDevice(d);
          form.setValue("deviceId", d?.id ?? null, { shouldValidate: form.formState.isSubmitted });
          if (d) form.setValue("siteId", null);
        }}
        error={errors.deviceId?.message}
        hint="The device that is down, or leave it empty and choose a site."
      />
      <FormField label="Site" error={errors.siteId?.message} description="A whole site (power cut, fibre cut).">
        <NativeSelect {...form.register("siteId")} disabled={!!device}>
          <option value="">No site</option>
          {(sites.data?.rows ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Title" required error={errors.title?.message} description="Customers see it.">
        <Input autoComplete="off" placeholder="Fibre cut on Waiyaki Way" {...form.register("title")} />
      </FormField>
      <FormField label="Description" error={errors.description?.message}>
        <Textarea rows={3} {...form.register("description")} />
      </FormField>
    </FormDialog>
  );
}
