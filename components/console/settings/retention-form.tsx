"use client";

import * as React from "react";
import { Controller, useForm, type Control } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import {
  MAX_RETENTION_DAYS,
  RETENTION_KINDS,
  RETENTION_RULES,
  retentionPolicySchema,
  type RetentionKind,
  type RetentionPolicyValues,
} from "@/server/modules/retention/schema";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";
import { formatDateTime } from "../format";

/** Settings → Data retention: a period (or "keep for ever") per kind of record, and the last run. */
export function RetentionSettings({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.retention.get.queryOptions());
  if (query.isError)
    return (
      <QueryError title="Could not load the retention settings" error={query.error} onRetry={() => query.refetch()} />
    );
  if (!query.data) return <Skeleton className="h-96 w-full" aria-busy="true" aria-label="Loading retention settings" />;
  const { policy, lastRun } = query.data;
  return (
    <div className="grid gap-6">
      {/* Keyed by content so a save in another tab resets the form to what is stored. */}
      <RetentionForm key={JSON.stringify(policy)} initial={policy} />
      <Card>
        <CardHeader>
          <CardTitle>Last run</CardTitle>
          <CardDescription>
            Every night at 03:15 UTC, records older than these periods are deleted. Each run is also in the audit log
            (retention.pruned) when it deleted anything.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {lastRun ? (
            <dl className="grid gap-2 text-sm sm:grid-cols-2">
              <div className="sm:col-span-2">
                <dt className="text-muted-foreground">Finished</dt>
                <dd>{formatDateTime(lastRun.at, timeZone)}</dd>
              </div>
              {RETENTION_KINDS.map((kind) => (
                <div key={kind}>
                  <dt className="text-muted-foreground">{RETENTION_RULES[kind].label} deleted</dt>
                  <dd className="tabular-nums">
                    {(lastRun.deleted[RETENTION_RULES[kind].counted] ?? 0).toLocaleString()}
                  </dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-muted-foreground">
              The job has not run for your company yet. It runs every night; nothing is deleted before then.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function RetentionForm({ initial }: { initial: RetentionPolicyValues }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<RetentionPolicyValues>({ resolver: zodResolver(retentionPolicySchema), defaultValues: initial });
  const save = useMutation(trpc.retention.save.mutationOptions());
  const { isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const stored = await save.mutateAsync(values);
      // The form remounts with the stored values (keyed by them above).
      queryClient.setQueryData(trpc.retention.get.queryKey(), stored);
      toast({ variant: "success", title: "Retention settings saved" });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle>How long records are kept</CardTitle>
          <CardDescription>
            In days. Shorter keeps less personal data about your subscribers; each kind has a minimum that the law or
            your billing needs, explained under it.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <FormError message={formErrorOf(form)} title="Your changes were not saved" />
          {RETENTION_KINDS.map((kind) => (
            <PeriodField key={kind} kind={kind} control={form.control} />
          ))}
        </CardContent>
        <CardFooter className="flex-col items-stretch gap-3 border-t pt-6 sm:flex-row sm:items-center sm:justify-end">
          {isDirty ? (
            <Button type="button" variant="outline" disabled={save.isPending} onClick={() => form.reset()}>
              Discard changes
            </Button>
          ) : null}
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? <Spinner className="text-current" label="Saving" /> : null}
            {save.isPending ? "Saving…" : "Save changes"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}

/** One kind's period: days, or "keep for ever" (null). Unticking it brings back the default (or the floor). */
function PeriodField({ kind, control }: { kind: RetentionKind; control: Control<RetentionPolicyValues> }) {
  const rule = RETENTION_RULES[kind];
  const id = React.useId();
  return (
    <Controller
      control={control}
      name={kind}
      render={({ field, fieldState }) => {
        const forever = field.value === null;
        const error = fieldState.error?.message;
        return (
          <fieldset className="grid gap-2" aria-describedby={`${id}-help`}>
            <legend className="text-sm font-medium">{rule.label}</legend>
            <p id={`${id}-help`} className="text-sm text-muted-foreground">
              {rule.what} Kept at least {rule.floorDays} days. {rule.floorReason}
            </p>
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
              <div className="flex items-center gap-2">
                <Label htmlFor={`${id}-days`} className="sr-only">
                  {rule.label}: days kept
                </Label>
                <Input
                  id={`${id}-days`}
                  type="number"
                  inputMode="numeric"
                  min={rule.floorDays}
                  max={MAX_RETENTION_DAYS}
                  step={1}
                  className="w-32"
                  disabled={forever}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  ref={field.ref}
                  name={field.name}
                  onBlur={field.onBlur}
                  value={field.value === null || Number.isNaN(field.value) ? "" : String(field.value)}
                  onChange={(e) => field.onChange(e.target.value === "" ? Number.NaN : Number(e.target.value))}
                />
                <span className="text-sm text-muted-foreground">days</span>
              </div>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={forever}
                  onChange={(e) => field.onChange(e.target.checked ? null : (rule.defaultDays ?? rule.floorDays))}
                />
                Keep for ever
              </label>
            </div>
            {error ? (
              <p id={`${id}-error`} className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
          </fieldset>
        );
      }}
    />
  );
}
