"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
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
import { createLeadSchema, LEAD_SOURCES, SOURCE_LABELS, updateLeadSchema } from "@/server/modules/leads/schema";
import { FormError, formErrorOf } from "../errors";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import type { LeadDetail } from "../customers/types";
import { checkWith } from "../check-with";

type Values = {
  id?: string;
  name: string;
  businessName: string;
  email: string;
  phone: string;
  address: string;
  coverageArea: string;
  latitude: string;
  longitude: string;
  source: (typeof LEAD_SOURCES)[number];
  interestedPackageId: string;
  ownerId: string;
  followUpAt: string;
};

/** "2026-11-25T14:05" in the browser's local time, for a datetime-local input. */
function localInput(d: Date | null | undefined): string {
  if (!d) return "";
  const dt = new Date(d);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${dt.getFullYear()}-${pad(dt.getMonth() + 1)}-${pad(dt.getDate())}T${pad(dt.getHours())}:${pad(dt.getMinutes())}`;
}

function valuesOf(l: LeadDetail | null, defaultOwnerId: string): Values {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    id: l?.id,
    name: s(l?.name),
    businessName: s(l?.businessName),
    email: s(l?.email),
    phone: s(l?.phone),
    address: s(l?.address),
    coverageArea: s(l?.coverageArea),
    latitude: s(l?.latitude),
    longitude: s(l?.longitude),
    source: l?.source ?? "WEBSITE",
    interestedPackageId: s(l?.interestedPackageId),
    ownerId: l ? s(l.ownerId) : defaultOwnerId,
    followUpAt: localInput(l?.followUpAt),
  };
}

export function LeadFormDialog({
  open,
  onOpenChange,
  lead,
  viewerId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  lead: LeadDetail | null;
  viewerId: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const options = useQuery(trpc.leads.options.queryOptions(undefined, { enabled: open }));
  const editing = !!lead;
  const form = useDialogForm<Values>(open ? (lead?.id ?? "new") : null, () => valuesOf(lead, viewerId), {
    resolver: checkWith(editing ? updateLeadSchema : createLeadSchema),
  });
  const create = useMutation(trpc.leads.create.mutationOptions());
  const update = useMutation(trpc.leads.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;

  const onSubmit = useSaveSubmit(form, {
    save: ({ id: _id, ...values }) => {
      // The browser knows the person's time zone: send the follow-up as an instant.
      const input = { ...values, followUpAt: values.followUpAt ? new Date(values.followUpAt) : null };
      return lead ? update.mutateAsync({ ...input, id: lead.id }) : create.mutateAsync(input);
    },
    refresh: trpc.leads.pathFilter(),
    saved: (_values, saved) => (lead ? "Lead saved" : `Lead ${saved.name} added`),
    done: (saved) => {
      onOpenChange(false);
      if (!lead) router.push(`/leads/${saved.id}`);
    },
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit ${lead.name}` : "New lead"}</DialogTitle>
          <DialogDescription>
            Someone interested in a connection. Give a phone number or an e-mail address so the owner can follow up.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <FormError message={formErrorOf(form)} />
          </div>
          <FormField label="Contact name" error={errors.name?.message} required>
            <Input autoComplete="off" {...form.register("name")} />
          </FormField>
          <FormField
            label="Business name"
            error={errors.businessName?.message}
            description="Leave empty for a home connection."
          >
            <Input autoComplete="off" {...form.register("businessName")} />
          </FormField>
          <FormField label="Phone" error={errors.phone?.message}>
            <Input type="tel" autoComplete="off" {...form.register("phone")} />
          </FormField>
          <FormField label="E-mail" error={errors.email?.message}>
            <Input type="email" autoComplete="off" {...form.register("email")} />
          </FormField>
          <FormField label="Address" error={errors.address?.message}>
            <Input autoComplete="off" {...form.register("address")} />
          </FormField>
          <FormField
            label="Coverage area"
            error={errors.coverageArea?.message}
            description="Estate, zone or tower that would serve them."
          >
            <Input autoComplete="off" {...form.register("coverageArea")} />
          </FormField>
          <FormField label="Latitude" error={errors.latitude?.message}>
            <Input inputMode="decimal" {...form.register("latitude")} />
          </FormField>
          <FormField label="Longitude" error={errors.longitude?.message}>
            <Input inputMode="decimal" {...form.register("longitude")} />
          </FormField>
          <FormField label="Source" error={errors.source?.message} required>
            <NativeSelect {...form.register("source")}>
              {LEAD_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Interested in" error={errors.interestedPackageId?.message}>
            <NativeSelect {...form.register("interestedPackageId")}>
              <option value="">No package yet</option>
              {(options.data?.packages ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Owner" error={errors.ownerId?.message}>
            <NativeSelect {...form.register("ownerId")}>
              <option value="">Unassigned</option>
              {(options.data?.owners ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Follow up on"
            error={errors.followUpAt?.message}
            description="The owner is reminded by e-mail that morning."
          >
            <Input type="datetime-local" {...form.register("followUpAt")} />
          </FormField>
          <DialogFooter className="sm:col-span-2">
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? <Spinner className="text-current" label="Saving" /> : null}
              {editing ? "Save changes" : "Add lead"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
