"use client";

import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { DEFAULT_STALE_MINUTES, radiusSettingsSchema } from "@/server/modules/radius/schema";
import { FormError, formErrorOf, QueryError } from "../errors";
import { useSaveSubmit } from "../use-dialog-form";

type FormIn = z.input<typeof radiusSettingsSchema>;
type FormOut = z.output<typeof radiusSettingsSchema>;

const NEVER = "never";
/** The choices offered, in minutes: from two missed five-minute reports to a day. */
const CHOICES = [10, 15, DEFAULT_STALE_MINUTES, 30, 60, 120, 360, 1440];

const minutesLabel = (m: number) =>
  m < 60 ? `${m} minutes` : m === 60 ? "1 hour" : m === 1440 ? "1 day" : `${m / 60} hours`;

/** Settings → RADIUS servers: after how long without accounting a session is closed (server/modules/radius/stale.ts). */
export function StaleSessionSettings() {
  const trpc = useTRPC();
  const query = useQuery(trpc.radius.settings.queryOptions());
  if (query.isError)
    return (
      <QueryError title="Could not load the accounting settings" error={query.error} onRetry={() => query.refetch()} />
    );
  if (!query.data)
    return <Skeleton className="h-48 w-full" aria-busy="true" aria-label="Loading accounting settings" />;
  return <StaleSessionForm key={JSON.stringify(query.data)} initial={query.data} />;
}

function StaleSessionForm({ initial }: { initial: FormIn }) {
  const trpc = useTRPC();
  const form = useForm<FormIn, unknown, FormOut>({
    defaultValues: initial,
    resolver: zodResolver(radiusSettingsSchema),
  });
  const save = useMutation(trpc.radius.saveSettings.mutationOptions());
  const current = initial.staleSessionMinutes;
  // A period outside these choices (the procedure takes any whole minutes in range) is still shown as it is.
  const choices = current === null || CHOICES.includes(current) ? CHOICES : [...CHOICES, current].sort((a, b) => a - b);
  const onSubmit = useSaveSubmit(form, {
    save: (values) => save.mutateAsync(values),
    refresh: trpc.radius.settings.pathFilter(),
    saved: () => ({ title: "Accounting settings saved", description: "The next check uses them." }),
    done: () => {},
  });
  return (
    <Card>
      <form noValidate onSubmit={onSubmit}>
        <CardHeader>
          <CardTitle>Sessions that fall silent</CardTitle>
          <CardDescription>
            Your routers report each session every few minutes (MikroTik:{" "}
            <code className="font-mono">interim-update=5m</code>
            ). When a router loses power or its Stop never arrives, Lastmile closes the session at its last report once
            nothing has come for this long, so it no longer shows online. If the router was only out of reach, its next
            report reopens the session and its usage still counts once.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <FormError message={formErrorOf(form)} />
          <Controller
            control={form.control}
            name="staleSessionMinutes"
            render={({ field, fieldState }) => (
              <FormField
                label="Close sessions silent for"
                error={fieldState.error?.message}
                description="Choose at least three times your routers' interim interval. Never: for routers that send no interim updates."
                className="max-w-sm"
              >
                <NativeSelect
                  ref={field.ref}
                  name={field.name}
                  onBlur={field.onBlur}
                  value={field.value == null ? NEVER : String(field.value)}
                  onChange={(e) => field.onChange(e.target.value === NEVER ? null : Number(e.target.value))}
                >
                  {choices.map((m) => (
                    <option key={m} value={String(m)}>
                      {minutesLabel(m)}
                      {m === DEFAULT_STALE_MINUTES ? " (default)" : ""}
                    </option>
                  ))}
                  <option value={NEVER}>Never</option>
                </NativeSelect>
              </FormField>
            )}
          />
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
