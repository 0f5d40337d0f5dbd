"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { portalContactSchema } from "@/server/modules/portal/schema";

type FormIn = z.input<typeof portalContactSchema>;
type FormOut = z.output<typeof portalContactSchema>;

/** The customer keeps their phone numbers, billing address and preferences up to date. */
export function ContactDetailsCard() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.portal.overview.queryOptions());
  const save = useMutation(trpc.portal.updateContact.mutationOptions());
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(portalContactSchema) });
  const customer = overview.data?.customer;
  useEffect(() => {
    if (customer)
      form.reset({
        phone: customer.phone ?? "",
        altPhone: customer.altPhone ?? "",
        billingAddress: customer.billingAddress ?? "",
        contactChannel: customer.contactChannel,
        paperlessBilling: customer.paperlessBilling,
      });
  }, [customer, form]);
  const server = fieldErrors(save.error);
  const err = (n: keyof FormIn) => form.formState.errors[n]?.message ?? server[n];
  if (!customer) return null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Contact details</CardTitle>
        <CardDescription>How we reach you and send your bills.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((v) => save.mutate(v))}>
          {save.isSuccess && (
            <Alert variant="success">
              <AlertDescription>Saved.</AlertDescription>
            </Alert>
          )}
          {save.error && Object.keys(server).length === 0 && (
            <Alert variant="destructive">
              <AlertDescription>{save.error.message}</AlertDescription>
            </Alert>
          )}
          <FormField label="Phone" error={err("phone")}>
            <Input type="tel" {...form.register("phone")} />
          </FormField>
          <FormField label="Other phone" error={err("altPhone")}>
            <Input type="tel" {...form.register("altPhone")} />
          </FormField>
          <FormField label="Billing address" error={err("billingAddress")}>
            <Input {...form.register("billingAddress")} />
          </FormField>
          <FormField label="Contact me by" error={err("contactChannel")}>
            <NativeSelect {...form.register("contactChannel")}>
              <option value="EMAIL">E-mail</option>
              <option value="SMS">SMS</option>
              <option value="PHONE">Phone call</option>
              <option value="WHATSAPP">WhatsApp</option>
            </NativeSelect>
          </FormField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" {...form.register("paperlessBilling")} />
            Paperless billing (invoices by e-mail)
          </label>
          <Button type="submit" disabled={save.isPending} className="justify-self-start">
            {save.isPending ? "Saving…" : "Save contact details"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
