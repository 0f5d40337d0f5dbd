"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSquare } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { ACTIVITY_LABELS, addActivitySchema, NOTE_KINDS } from "@/server/modules/leads/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { formatDateTime } from "../format";
import type { LeadDetail } from "../customers/types";

type FormIn = z.input<typeof addActivitySchema>;
type FormOut = z.output<typeof addActivitySchema>;

/** The lead's notes, calls, visits and stage changes, newest first, with a box to add one. */
export function ActivityFeed({
  lead,
  timeZone,
  canManage,
}: {
  lead: LeadDetail;
  timeZone: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(addActivitySchema),
    defaultValues: { leadId: lead.id, kind: "NOTE", body: "" },
  });
  const add = useMutation(trpc.leads.addActivity.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
      form.reset({ leadId: lead.id, kind: values.kind, body: "" });
      await queryClient.invalidateQueries(trpc.leads.get.queryFilter({ id: lead.id }));
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <div className="grid gap-6">
      {canManage ? (
        <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[10rem_1fr] sm:items-start">
          <div className="sm:col-span-2">
            <FormError message={formErrorOf(form)} />
          </div>
          <FormField label="Kind" error={errors.kind?.message}>
            <NativeSelect {...form.register("kind")}>
              {NOTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ACTIVITY_LABELS[k]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="What happened" error={errors.body?.message}>
            <Textarea rows={2} placeholder="Called, they want a site survey next week." {...form.register("body")} />
          </FormField>
          <div className="sm:col-span-2 sm:justify-self-end">
            <Button type="submit" disabled={add.isPending}>
              {add.isPending ? <Spinner className="text-current" label="Saving" /> : null}
              Add to activity
            </Button>
          </div>
        </form>
      ) : null}
      {lead.activities.length === 0 ? (
        <EmptyState
          icon={<MessageSquare />}
          title="No activity yet"
          description={
            canManage
              ? "Log calls, visits and notes above so the team knows where this lead stands."
              : "Calls, visits and notes will appear here."
          }
        />
      ) : (
        <ol className="grid gap-4">
          {lead.activities.map((a) => (
            <li key={a.id} className="grid gap-1 border-l-2 pl-3">
              <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                <Badge variant={a.kind === "STAGE_CHANGE" ? "secondary" : "outline"}>{ACTIVITY_LABELS[a.kind]}</Badge>
                {formatDateTime(a.createdAt, timeZone)}
                {a.authorName ? ` · ${a.authorName}` : ""}
              </div>
              <p className="text-sm whitespace-pre-line">{a.body}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
