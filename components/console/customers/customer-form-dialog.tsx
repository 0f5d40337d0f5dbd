"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import {
  CHANNEL_LABELS,
  CONTACT_CHANNELS,
  createCustomerSchema,
  updateCustomerSchema,
} from "@/server/modules/customers/schema";
import { formErrorOf } from "../errors";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import type { CustomerDetail } from "./types";
import { FormDialog } from "../form-dialog";
import { checkWith } from "../check-with";

/** What the form holds: text for every input (the schema turns it into the stored shape). */
type Values = {
  id?: string;
  type: "INDIVIDUAL" | "BUSINESS";
  firstName: string;
  lastName: string;
  businessName: string;
  taxId: string;
  email: string;
  phone: string;
  altPhone: string;
  serviceAddress: string;
  serviceLatitude: string;
  serviceLongitude: string;
  billingAddress: string;
  idDocumentType: string;
  idDocumentNumber: string;
  contactChannel: (typeof CONTACT_CHANNELS)[number];
  language: string;
  paperlessBilling: boolean;
  tags: string;
  notes: string;
};

function valuesOf(c: CustomerDetail | null): Values {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
  return {
    id: c?.id,
    type: c?.type ?? "INDIVIDUAL",
    firstName: s(c?.firstName),
    lastName: s(c?.lastName),
    businessName: s(c?.businessName),
    taxId: s(c?.taxId),
    email: s(c?.email),
    phone: s(c?.phone),
    altPhone: s(c?.altPhone),
    serviceAddress: s(c?.serviceAddress),
    serviceLatitude: s(c?.serviceLatitude),
    serviceLongitude: s(c?.serviceLongitude),
    billingAddress: s(c?.billingAddress),
    idDocumentType: s(c?.idDocumentType),
    idDocumentNumber: s(c?.idDocumentNumber),
    contactChannel: c?.contactChannel ?? "EMAIL",
    language: c?.language ?? "en",
    paperlessBilling: c?.paperlessBilling ?? true,
    tags: c?.tags.join(", ") ?? "",
    notes: s(c?.notes),
  };
}

/** New customer (customer = null) or edit an existing one. */
export function CustomerFormDialog({
  open,
  onOpenChange,
  customer,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  customer: CustomerDetail | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const editing = !!customer;
  const form = useDialogForm<Values>(open ? (customer?.id ?? "new") : null, () => valuesOf(customer), {
    // The same schema the server validates with; the form keeps its text values.
    resolver: checkWith(editing ? updateCustomerSchema : createCustomerSchema),
  });

  const create = useMutation(trpc.customers.create.mutationOptions());
  const update = useMutation(trpc.customers.update.mutationOptions());
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;
  const type = form.watch("type");

  const onSubmit = useSaveSubmit(form, {
    save: ({ id: _id, ...input }) =>
      customer ? update.mutateAsync({ ...input, id: customer.id }) : create.mutateAsync(input),
    refresh: trpc.customers.pathFilter(),
    saved: (_values, saved) =>
      customer ? `${saved.displayName} is saved` : `${saved.displayName} is customer ${saved.accountNo}`,
    done: (saved) => {
      onOpenChange(false);
      if (!customer) router.push(`/customers/${saved.id}`);
    },
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={editing ? `Edit ${customer.displayName}` : "New customer"}
      description={
        editing
          ? `Account ${customer.accountNo}. The status is changed from the customer page.`
          : "The customer gets the next account number when you save. Fields marked * are required."
      }
      className="max-w-3xl"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={pending}
      submitLabel={editing ? "Save changes" : "Create customer"}
      pendingText="Saving…"
    >
      {/* The four groups stand further apart than the fields inside them. */}
      <div className="grid gap-6">
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">Customer</legend>
          <FormField label="Type" error={errors.type?.message} required>
            <NativeSelect {...form.register("type")}>
              <option value="INDIVIDUAL">Individual (home)</option>
              <option value="BUSINESS">Business</option>
            </NativeSelect>
          </FormField>
          {type === "BUSINESS" ? (
            <FormField label="Business name" error={errors.businessName?.message} required>
              <Input autoComplete="organization" {...form.register("businessName")} />
            </FormField>
          ) : (
            <div className="hidden sm:block" />
          )}
          <FormField label="First name" error={errors.firstName?.message} required={type === "INDIVIDUAL"}>
            <Input autoComplete="off" {...form.register("firstName")} />
          </FormField>
          <FormField label="Last name" error={errors.lastName?.message}>
            <Input autoComplete="off" {...form.register("lastName")} />
          </FormField>
          {type === "BUSINESS" ? (
            <FormField label="Tax ID" error={errors.taxId?.message}>
              <Input autoComplete="off" {...form.register("taxId")} />
            </FormField>
          ) : null}
          <FormField
            label="ID document type"
            error={errors.idDocumentType?.message}
            description="For example national ID or passport."
          >
            <Input autoComplete="off" {...form.register("idDocumentType")} />
          </FormField>
          <FormField label="ID document number" error={errors.idDocumentNumber?.message}>
            <Input autoComplete="off" {...form.register("idDocumentNumber")} />
          </FormField>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">Contact</legend>
          <FormField label="E-mail" error={errors.email?.message}>
            <Input type="email" autoComplete="off" placeholder="jane@example.com" {...form.register("email")} />
          </FormField>
          <FormField label="Phone" error={errors.phone?.message}>
            <Input type="tel" autoComplete="off" placeholder="+254 722 123 456" {...form.register("phone")} />
          </FormField>
          <FormField label="Alternative phone" error={errors.altPhone?.message}>
            <Input type="tel" autoComplete="off" {...form.register("altPhone")} />
          </FormField>
          <FormField label="Preferred channel" error={errors.contactChannel?.message}>
            <NativeSelect {...form.register("contactChannel")}>
              {CONTACT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Language" error={errors.language?.message} description="Two-letter code: en, sw, fr…">
            <Input autoComplete="off" maxLength={2} {...form.register("language")} />
          </FormField>
          <div className="flex items-center gap-2 pt-6">
            <input
              id="paperless"
              type="checkbox"
              className="size-4 accent-primary"
              {...form.register("paperlessBilling")}
            />
            <label htmlFor="paperless" className="text-sm">
              Paperless billing (invoices by e-mail)
            </label>
          </div>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">Addresses</legend>
          <FormField
            label="Service address"
            error={errors.serviceAddress?.message}
            className="sm:col-span-2"
            description="Where the connection is installed."
          >
            <Textarea rows={2} {...form.register("serviceAddress")} />
          </FormField>
          <FormField label="Latitude" error={errors.serviceLatitude?.message} description="Decimal degrees, −90 to 90.">
            <Input inputMode="decimal" placeholder="-1.292066" {...form.register("serviceLatitude")} />
          </FormField>
          <FormField
            label="Longitude"
            error={errors.serviceLongitude?.message}
            description="Decimal degrees, −180 to 180."
          >
            <Input inputMode="decimal" placeholder="36.821946" {...form.register("serviceLongitude")} />
          </FormField>
          <FormField
            label="Billing address"
            error={errors.billingAddress?.message}
            className="sm:col-span-2"
            description="Leave empty when it is the service address."
          >
            <Textarea rows={2} {...form.register("billingAddress")} />
          </FormField>
        </fieldset>

        <fieldset className="grid gap-4">
          <legend className="mb-2 text-sm font-semibold">Tags and notes</legend>
          <FormField
            label="Tags"
            error={errors.tags?.message}
            description="Separate with commas, e.g. vip, fiber, estate-a."
          >
            <Input autoComplete="off" {...form.register("tags")} />
          </FormField>
          <FormField label="Notes" error={errors.notes?.message}>
            <Textarea rows={3} {...form.register("notes")} />
          </FormField>
        </fieldset>
      </div>
    </FormDialog>
  );
}
