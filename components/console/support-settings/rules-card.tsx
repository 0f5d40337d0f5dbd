"use client";

import * as React from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { CLOCK_LABELS, PRIORITY_LABELS, PRIORITY_VALUES, saveRuleSchema } from "@/server/modules/sla/schema";
import type { SupportSettings } from "@/server/modules/sla/settings";
import { ConfirmDialog } from "../confirm-dialog";
import { applyServerErrors, errorMessage, FormError, formErrorOf } from "../errors";
import { FormDialogFooter } from "../form-dialog";

type Rule = SupportSettings["rules"][number];
type RuleIn = z.input<typeof saveRuleSchema>;
type RuleOut = z.output<typeof saveRuleSchema>;

function actionsOf(r: Pick<Rule, "notify" | "raisePriority" | "reassignToLead">): string {
  return [
    r.notify && "notify assignee, team lead and watchers",
    r.raisePriority && "raise priority",
    r.reassignToLead && "reassign to team lead",
  ]
    .filter(Boolean)
    .join(", ");
}

export function RulesCard({ rules }: { rules: Rule[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = React.useState<Rule | "new" | null>(null);
  const [deleting, setDeleting] = React.useState<Rule | null>(null);
  const remove = useMutation(
    trpc.sla.deleteRule.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() }),
    }),
  );

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4 space-y-0">
        <div className="space-y-1.5">
          <CardTitle>Escalation rules</CardTitle>
          <CardDescription>
            Checked every five minutes against open tickets. Each rule fires once per ticket (again after a reopen) when
            the share of the target used reaches its threshold; tickets waiting on the customer are skipped.
          </CardDescription>
        </div>
        <Button variant="outline" onClick={() => setEditing("new")}>
          <Plus aria-hidden />
          Add rule
        </Button>
      </CardHeader>
      <CardContent>
        {rules.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            No escalation rules: nobody is warned before a ticket breaches. Add a rule at 75% to warn the assignee.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Rule</TableHead>
                  <TableHead>When</TableHead>
                  <TableHead>Priorities</TableHead>
                  <TableHead>Actions</TableHead>
                  <TableHead className="w-0">
                    <span className="sr-only">Edit or delete</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rules.map((r) => (
                  <TableRow key={r.id} className={r.active ? undefined : "text-muted-foreground"}>
                    <TableCell className="font-medium">
                      {r.name} {r.active ? null : <Badge variant="outline">Off</Badge>}
                    </TableCell>
                    <TableCell className="whitespace-nowrap">
                      {r.thresholdPct}% of {CLOCK_LABELS[r.clock].toLowerCase()}
                    </TableCell>
                    <TableCell>
                      {r.priorities.length === 0 ? "All" : r.priorities.map((p) => PRIORITY_LABELS[p]).join(", ")}
                    </TableCell>
                    <TableCell className="min-w-48">{actionsOf(r)}</TableCell>
                    <TableCell>
                      <div className="flex gap-1">
                        <Button size="icon" variant="ghost" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r)}>
                          <Pencil aria-hidden />
                        </Button>
                        <Button
                          size="icon"
                          variant="ghost"
                          aria-label={`Delete ${r.name}`}
                          onClick={() => {
                            remove.reset();
                            setDeleting(r);
                          }}
                        >
                          <Trash2 aria-hidden />
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
      <RuleDialog
        rule={editing === "new" ? null : editing}
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete "${deleting?.name}"?`}
        description="It stops firing. Tickets it escalated keep the escalation in their history."
        confirmLabel="Delete rule"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id },
            {
              onSuccess: () => {
                setDeleting(null);
                toast({ variant: "success", title: "Rule deleted" });
              },
            },
          )
        }
      />
    </Card>
  );
}

const blank: RuleIn = {
  name: "",
  clock: "RESOLUTION",
  thresholdPct: 75,
  priorities: [],
  notify: true,
  raisePriority: false,
  reassignToLead: false,
  active: true,
};

function RuleDialog({
  rule,
  open,
  onOpenChange,
}: {
  rule: Rule | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.sla.saveRule.mutationOptions());
  const form = useForm<RuleIn, unknown, RuleOut>({ resolver: zodResolver(saveRuleSchema), defaultValues: blank });
  React.useEffect(() => {
    if (open) {
      form.reset(rule ? { ...rule } : blank);
    }
  }, [open, rule, form]);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
      toast({ variant: "success", title: rule ? "Rule saved" : "Rule added" });
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  const check = (name: "notify" | "raisePriority" | "reassignToLead" | "active", label: string, hint: string) => (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...form.register(name)} />
      <span>
        <span className="font-medium">{label}</span>
        <span className="block text-muted-foreground">{hint}</span>
      </span>
    </label>
  );

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{rule ? "Edit escalation rule" : "Add an escalation rule"}</DialogTitle>
          <DialogDescription>
            At the threshold (share of the target used), the rule does what you tick below, once per ticket.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} title="The rule was not saved" />
          <FormField label="Name" error={errors.name?.message} required>
            <Input placeholder="Resolution near breach" {...form.register("name")} />
          </FormField>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <FormField label="Clock" error={errors.clock?.message}>
              <NativeSelect {...form.register("clock")}>
                <option value="RESPONSE">First response</option>
                <option value="RESOLUTION">Resolution</option>
              </NativeSelect>
            </FormField>
            <FormField
              label="Threshold (% of target)"
              error={errors.thresholdPct?.message}
              description="75 warns early; 100 is the breach."
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                max={1000}
                {...form.register("thresholdPct", { valueAsNumber: true })}
              />
            </FormField>
          </div>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Priorities</legend>
            <Controller
              control={form.control}
              name="priorities"
              render={({ field }) => {
                const value = field.value ?? [];
                return (
                  <div className="flex flex-wrap gap-3">
                    {PRIORITY_VALUES.map((p) => (
                      <label key={p} className="flex items-center gap-1.5 text-sm">
                        <input
                          type="checkbox"
                          className="size-4 accent-primary"
                          checked={value.includes(p)}
                          onChange={(e) =>
                            field.onChange(e.target.checked ? [...value, p] : value.filter((x) => x !== p))
                          }
                        />
                        {PRIORITY_LABELS[p]}
                      </label>
                    ))}
                  </div>
                );
              }}
            />
            <p className="text-sm text-muted-foreground">None ticked: every priority.</p>
          </fieldset>
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium">Actions</legend>
            {check(
              "notify",
              "Notify",
              "The assignee, their team lead and the ticket's watchers (the managers when nobody is assigned). Breaches are also e-mailed.",
            )}
            {check(
              "raisePriority",
              "Raise priority one step",
              "Low → Medium → High → Critical; due times follow the new priority's targets.",
            )}
            {check(
              "reassignToLead",
              "Reassign to the team lead",
              "When the assignee has a team lead in their staff profile.",
            )}
            {errors.notify?.message ? (
              <p role="alert" className="text-sm font-medium text-destructive">
                {errors.notify.message}
              </p>
            ) : null}
          </fieldset>
          {check("active", "Active", "Switched off, the rule is kept but does not fire.")}
          <FormDialogFooter
            pending={save.isPending}
            submitLabel={rule ? "Save rule" : "Add rule"}
            pendingText="Saving…"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
