"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { BLOCKED_ACCESS, BLOCKED_ACCESS_LABELS, captiveSettingsSchema } from "@/server/modules/bandwidth/schema";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";
import { useToastAction } from "../use-toast-action";

type FormIn = z.input<typeof captiveSettingsSchema>;
type FormOut = z.output<typeof captiveSettingsSchema>;

/** Settings → RADIUS servers: the walled garden for suspended subscribers, and fair use on demand. */
export function CaptiveSettings() {
  const trpc = useTRPC();
  const query = useQuery(trpc.bandwidth.captive.get.queryOptions());
  if (query.isError)
    return <QueryError title="Could not load the walled garden" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton className="h-64 w-full" aria-busy="true" aria-label="Loading the walled garden" />;
  const d = query.data;
  return (
    <CaptiveForm
      key={JSON.stringify(d)}
      initial={{
        suspended: d.suspended,
        addressList: d.addressList,
        framedPool: d.framedPool ?? "",
        portalUrl: d.portalUrl ?? "",
      }}
    />
  );
}

function CaptiveForm({ initial }: { initial: FormIn }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useForm<FormIn, unknown, FormOut>({
    defaultValues: initial,
    resolver: zodResolver(captiveSettingsSchema),
  });
  const save = useMutation(trpc.bandwidth.captive.save.mutationOptions());
  const fairUse = useMutation(trpc.dataCaps.enforceFairUse.mutationOptions());
  // The check changes no list on this page: nothing to refresh, only what it did to say.
  const checking = useToastAction([]);
  const checkFairUse = () =>
    checking(async () => {
      const r = await fairUse.mutateAsync();
      const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
      return {
        title: "Fair use checked",
        description: `${count(r.checked, "capped subscriber", "capped subscribers")}: ${r.crossed} over the cap now, ${r.restored} back to full service, ${count(r.changes, "live session", "live sessions")} changed.`,
      };
    }, "Could not check fair use");
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.bandwidth.captive.pathFilter());
      toast({ variant: "success", title: "Walled garden saved", description: "It applies from the next login." });
    } catch (e) {
      applyServerErrors(form, e);
    }
  });
  return (
    <Card>
      <form noValidate onSubmit={onSubmit}>
        <CardHeader>
          <CardTitle>Walled garden</CardTitle>
          <CardDescription>
            A suspended subscriber (and one whose package says so, once the data cap is used up) can be refused, or let
            in to an address list your routers allow to reach only the customer portal, to pay. Packages can override
            this. The MikroTik firewall rules are in the operations guide.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormError message={formErrorOf(form)} />
          <FormField label="Suspended subscribers" error={errors.suspended?.message} required>
            <NativeSelect {...form.register("suspended")}>
              {BLOCKED_ACCESS.map((a) => (
                <option key={a} value={a}>
                  {BLOCKED_ACCESS_LABELS[a]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Address list"
            error={errors.addressList?.message}
            required
            description="Mikrotik-Address-List given to walled-garden sessions."
          >
            <Input className="font-mono" autoComplete="off" {...form.register("addressList")} />
          </FormField>
          <FormField
            label="IP pool"
            error={errors.framedPool?.message}
            description="Optional Framed-Pool on the router for walled-garden sessions."
          >
            <Input className="font-mono" autoComplete="off" {...form.register("framedPool")} />
          </FormField>
          <FormField
            label="Payment page"
            error={errors.portalUrl?.message}
            description="Where the router redirects walled-garden browsers."
          >
            <Input autoComplete="off" placeholder="https://…/portal" {...form.register("portalUrl")} />
          </FormField>
        </CardContent>
        <CardFooter className="flex flex-wrap justify-between gap-2">
          <Button type="button" variant="outline" disabled={checking.pending} onClick={checkFairUse}>
            {checking.pending ? "Checking…" : "Check fair use now"}
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
