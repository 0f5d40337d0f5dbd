"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { PRIORITY_LABELS, saveTargetsSchema, splitMinutes } from "@/server/modules/sla/schema";
import type { SupportSettings } from "@/server/modules/sla/settings";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";

type Target = SupportSettings["targets"][number];
interface Row {
  priority: Target["priority"];
  responseH: string;
  responseM: string;
  resolutionH: string;
  resolutionM: string;
  clock: "business" | "always";
}

const toRow = (t: Target): Row => {
  const r = splitMinutes(t.responseMin);
  const s = splitMinutes(t.resolutionMin);
  return {
    priority: t.priority,
    responseH: String(r.hours),
    responseM: String(r.minutes),
    resolutionH: String(s.hours),
    resolutionM: String(s.minutes),
    clock: t.businessHours ? "business" : "always",
  };
};
const minutes = (h: string, m: string) => Number(h || 0) * 60 + Number(m || 0);

/** Response and resolution targets per priority, in hours and minutes, on business hours or 24×7. */
export function TargetsCard({ targets }: { targets: Target[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useForm<{ rows: Row[] }>({ defaultValues: { rows: targets.map(toRow) } });
  // A row's problem is a root error ("root.row2"): the next submit clears it with the rest.
  const showRowErrors = (errors: Record<number, string>) => {
    for (const [row, message] of Object.entries(errors)) form.setError(`root.row${row}`, { type: "validate", message });
  };
  const save = useMutation(trpc.sla.saveTargets.mutationOptions());

  const onSubmit = form.handleSubmit(async ({ rows }) => {
    const input = {
      targets: rows.map((r) => ({
        priority: r.priority,
        responseMin: minutes(r.responseH, r.responseM),
        resolutionMin: minutes(r.resolutionH, r.resolutionM),
        businessHours: r.clock === "business",
      })),
    };
    const errors: Record<number, string> = {};
    const parsed = saveTargetsSchema.safeParse(input);
    const collect = (entries: [string, string][]) => {
      for (const [path, message] of entries) {
        const m = /^targets\.(\d+)/.exec(path);
        if (m) errors[Number(m[1])] ??= message;
      }
    };
    if (!parsed.success) collect(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    showRowErrors(errors);
    if (Object.keys(errors).length > 0) return;
    try {
      const saved = await save.mutateAsync(input);
      form.reset({ rows: saved.map(toRow) });
      await queryClient.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
      toast({ variant: "success", title: "SLA targets saved", description: "New tickets use them from now on." });
    } catch (err) {
      collect(Object.entries(fieldErrors(err)));
      showRowErrors(errors);
      if (Object.keys(errors).length === 0) setFormError(form, errorMessage(err));
    }
  });

  const rowError = (i: number) => form.formState.errors.root?.[`row${i}`]?.message;

  const hm = (
    name: `rows.${number}.${"responseH" | "responseM" | "resolutionH" | "resolutionM"}`,
    label: string,
    max?: number,
  ) => (
    <Input
      type="number"
      inputMode="numeric"
      min={0}
      max={max}
      aria-label={label}
      className="w-16 px-2 text-right"
      {...form.register(name)}
    />
  );

  return (
    <form noValidate onSubmit={onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle>SLA targets</CardTitle>
          <CardDescription>
            How soon each priority gets a first response and a resolution. Business-hours targets count only the default
            calendar&apos;s open hours; 24×7 targets count every minute. A package&apos;s own SLA (set on the package)
            replaces these for its subscribers. Changes apply to tickets created from now on.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <FormError message={formErrorOf(form)} title="The targets were not saved" />
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Priority</TableHead>
                  <TableHead>First response</TableHead>
                  <TableHead>Resolution</TableHead>
                  <TableHead>Clock</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {targets.map((t, i) => {
                  const label = PRIORITY_LABELS[t.priority];
                  return (
                    <React.Fragment key={t.priority}>
                      <TableRow className={rowError(i) ? "border-b-0" : undefined}>
                        <TableCell className="font-medium">{label}</TableCell>
                        <TableCell>
                          <span className="flex items-center gap-1.5 text-sm text-muted-foreground">
                            {hm(`rows.${i}.responseH`, `${label} response hours`)} h{" "}
                            {hm(`rows.${i}.responseM`, `${label} response minutes`, 59)} min
                          </span>
                        </TableCell>
                        <TableCell>
                          <span className="flex items-center gap-1.5 text-sm text-muted-foreground">
                            {hm(`rows.${i}.resolutionH`, `${label} resolution hours`)} h{" "}
                            {hm(`rows.${i}.resolutionM`, `${label} resolution minutes`, 59)} min
                          </span>
                        </TableCell>
                        <TableCell>
                          <NativeSelect
                            aria-label={`${label} clock`}
                            className="w-40"
                            {...form.register(`rows.${i}.clock`)}
                          >
                            <option value="business">Business hours</option>
                            <option value="always">24×7</option>
                          </NativeSelect>
                        </TableCell>
                      </TableRow>
                      {rowError(i) ? (
                        <TableRow>
                          <TableCell colSpan={4} className="pt-0">
                            <p role="alert" className="text-sm font-medium text-destructive">
                              {label}: {rowError(i)}
                            </p>
                          </TableCell>
                        </TableRow>
                      ) : null}
                    </React.Fragment>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </CardContent>
        <CardFooter className="justify-end gap-2 border-t pt-6">
          {form.formState.isDirty ? (
            <Button type="button" variant="outline" disabled={save.isPending} onClick={() => form.reset()}>
              Discard changes
            </Button>
          ) : null}
          <Button type="submit" disabled={save.isPending || !form.formState.isDirty}>
            {save.isPending ? <Spinner className="text-current" label="Saving" /> : null}
            {save.isPending ? "Saving…" : "Save targets"}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
