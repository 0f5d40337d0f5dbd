"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors, FormError, QueryError, formErrorOf } from "../errors";
import { RegionFields } from "../locale-fields";
import type { LocaleOptions } from "../locale-options";
import { companySettingsFormSchema } from "../schemas";

type FormIn = z.input<typeof companySettingsFormSchema>;
type FormOut = z.output<typeof companySettingsFormSchema>;

export function CompanySettingsForm({ options }: { options: LocaleOptions }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.companies.current.queryOptions());
  if (query.isError)
    return (
      <QueryError title="Could not load your company's settings" error={query.error} onRetry={() => query.refetch()} />
    );
  if (!query.data) {
    return (
      <Card aria-busy="true" aria-label="Loading settings">
        <CardContent className="grid gap-6 p-6 sm:grid-cols-2">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="space-y-2">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-9 w-full" />
            </div>
          ))}
        </CardContent>
      </Card>
    );
  }
  const { name, currency, timeZone, country, slug } = query.data;
  return <SettingsForm initial={{ name, currency, timeZone, country }} slug={slug} options={options} />;
}

function SettingsForm({ initial, slug, options }: { initial: FormOut; slug: string; options: LocaleOptions }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [savedAt, setSavedAt] = React.useState<number | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(companySettingsFormSchema),
    defaultValues: initial,
  });
  const update = useMutation(trpc.companies.update.mutationOptions());
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setSavedAt(null);
    try {
      const saved = await update.mutateAsync(values);
      form.reset({ name: saved.name, currency: saved.currency, timeZone: saved.timeZone, country: saved.country });
      queryClient.setQueryData(trpc.companies.current.queryKey(), saved);
      setSavedAt(Date.now());
      toast({ variant: "success", title: "Settings saved" });
      router.refresh(); // the sidebar and dashboard show the company's name and time zone
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle>Company</CardTitle>
          <CardDescription>
            Your console lives at <span className="font-medium text-foreground">{slug}</span>; the address cannot be
            changed here.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <FormError message={formErrorOf(form)} title="Your changes were not saved" />
          <FormField
            label="Company name"
            error={errors.name?.message}
            required
            description="Shown to your staff and customers."
          >
            <Input autoComplete="organization" {...form.register("name")} />
          </FormField>
          <RegionFields
            idPrefix="settings"
            options={options}
            fields={{
              currency: form.register("currency"),
              country: form.register("country"),
              timeZone: form.register("timeZone"),
            }}
            values={{ currency: form.watch("currency"), country: form.watch("country") }}
            errors={{
              currency: errors.currency?.message,
              country: errors.country?.message,
              timeZone: errors.timeZone?.message,
            }}
            timeZoneDescription="Dates and times in the console, invoices and e-mails are shown in this time zone."
          />
        </CardContent>
        <CardFooter className="flex-col items-stretch gap-3 border-t pt-6 sm:flex-row sm:items-center sm:justify-end">
          {savedAt && !isDirty ? (
            <p role="status" className="flex items-center gap-1.5 text-sm text-success sm:mr-auto">
              <CircleCheck aria-hidden className="size-4" />
              Saved
            </p>
          ) : null}
          {isDirty ? (
            <Button
              type="button"
              variant="outline"
              disabled={update.isPending}
              onClick={() => {
                form.reset();
              }}
            >
              Discard changes
            </Button>
          ) : null}
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? <Spinner className="text-current" label="Saving" /> : null}
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
