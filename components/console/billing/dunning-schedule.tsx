"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { Controller, useFieldArray, useForm, type Path } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { CHANNEL_LABELS, DUNNING_CHANNELS, dunningSettingsSchema } from "@/server/modules/dunning/schema";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";

type In = z.input<typeof dunningSettingsSchema>;
type Out = z.output<typeof dunningSettingsSchema>;

/** When a reminder goes, in words: "3 days before the due date". */
export function stepWhen(offsetDays: number) {
  if (offsetDays === 0) return "On the due date";
  const n = Math.abs(offsetDays);
  return `${n} day${n === 1 ? "" : "s"} ${offsetDays < 0 ? "before" : "after"} the due date`;
}

export function DunningSchedule({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.dunning.settings.get.queryOptions());
  if (query.isError)
    return (
      <QueryError title="Could not load the dunning schedule" error={query.error} onRetry={() => query.refetch()} />
    );
  if (!query.data) return <Skeleton className="h-72 w-full" />;
  return <ScheduleForm initial={query.data} canManage={canManage} />;
}

function ScheduleForm({ initial, canManage }: { initial: Out; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(dunningSettingsSchema), defaultValues: initial });
  const steps = useFieldArray({ control: form.control, name: "steps" });
  const update = useMutation(trpc.dunning.settings.update.mutationOptions());
  const err = (name: Path<In>) => form.getFieldState(name, form.formState).error?.message;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      queryClient.setQueryData(trpc.dunning.settings.get.queryKey(), saved);
      form.reset(saved);
      toast({ variant: "success", title: "Dunning schedule saved" });
    } catch (e) {
      applyServerErrors(form, e);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle>Reminders and suspension</CardTitle>
          <CardDescription>
            Each reminder goes once per unpaid invoice. After the grace period the customer&apos;s active services are
            suspended (their login is refused on the network) and restored the moment the overdue balance is paid.
            Services your staff suspended for another reason are never restored automatically.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <FormError message={formErrorOf(form)} title="Your changes were not saved" />
          <div className="grid items-start gap-6 sm:grid-cols-2">
            <FormField label="Dunning" error={err("enabled")}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" disabled={!canManage} {...form.register("enabled")} />
                Send reminders and suspend late payers
              </label>
            </FormField>
            <FormField
              label="Grace period (days after the due date)"
              error={err("graceDays")}
              description="Service is suspended the day after the grace period ends."
            >
              <Input
                type="number"
                inputMode="numeric"
                disabled={!canManage}
                {...form.register("graceDays", { valueAsNumber: true })}
              />
            </FormField>
          </div>
          <div className="grid gap-3">
            <p className="text-sm font-medium">Reminders</p>
            {steps.fields.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No reminders: customers are suspended after the grace period without warning.
                {canManage ? " Add one below." : ""}
              </p>
            ) : null}
            {steps.fields.map((row, i) => (
              <div key={row.id} className="grid items-start gap-3 rounded-md border p-3 sm:grid-cols-[12rem_1fr_auto]">
                <FormField
                  label="Days from the due date"
                  description="Negative: before it."
                  error={err(`steps.${i}.offsetDays`)}
                >
                  <Input
                    type="number"
                    inputMode="numeric"
                    disabled={!canManage}
                    {...form.register(`steps.${i}.offsetDays`, { valueAsNumber: true })}
                  />
                </FormField>
                <FormField label="Send by" error={err(`steps.${i}.channels`)}>
                  <Controller
                    control={form.control}
                    name={`steps.${i}.channels`}
                    render={({ field }) => (
                      <div className="flex flex-wrap gap-4 pt-2">
                        {DUNNING_CHANNELS.map((c) => (
                          <label key={c} className="flex items-center gap-2 text-sm">
                            <input
                              type="checkbox"
                              disabled={!canManage}
                              checked={field.value.includes(c)}
                              onChange={(e) =>
                                field.onChange(
                                  e.target.checked ? [...field.value, c] : field.value.filter((v) => v !== c),
                                )
                              }
                            />
                            {CHANNEL_LABELS[c]}
                          </label>
                        ))}
                      </div>
                    )}
                  />
                </FormField>
                {canManage ? (
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="sm:mt-6"
                    aria-label={`Remove reminder ${i + 1}`}
                    onClick={() => steps.remove(i)}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                ) : null}
              </div>
            ))}
            {canManage && steps.fields.length < 10 ? (
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="justify-self-start"
                onClick={() => steps.append({ offsetDays: 7, channels: ["EMAIL"] })}
              >
                <Plus aria-hidden /> Add reminder
              </Button>
            ) : null}
            <p className="text-xs text-muted-foreground">
              SMS goes only when SMS is set up under Settings → SMS and the customer has a phone number; portal
              notifications only to customers who sign in to the portal.
            </p>
          </div>
        </CardContent>
        {canManage ? (
          <CardFooter className="justify-end border-t pt-6">
            <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
          </CardFooter>
        ) : null}
      </Card>
    </form>
  );
}
