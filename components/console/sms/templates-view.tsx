"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { saveTemplateSchema } from "@/server/modules/sms/schema";
import { smsLength } from "@/server/modules/sms/segments";
import { applyServerErrors, FormError, formErrorOf, QueryError } from "../errors";
import type { SmsTemplateRow } from "./types";

type FormIn = z.input<typeof saveTemplateSchema>;
type FormOut = z.output<typeof saveTemplateSchema>;

export function SmsTemplatesView() {
  const trpc = useTRPC();
  const query = useQuery(trpc.sms.templates.list.queryOptions());
  if (query.isError)
    return <QueryError title="Could not load the SMS templates" error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton className="h-96 w-full" aria-label="Loading SMS templates" />;
  return (
    <div className="grid gap-6">
      {query.data.map((t) => (
        <TemplateCard key={`${t.key}-${t.body}`} template={t} />
      ))}
    </div>
  );
}

/** Length as the phone will count it; the placeholders are counted as typed, so say so. */
function LengthLine({ text }: { text: string }) {
  const { encoding, units, segments } = smsLength(text.trim());
  return (
    <p className="text-xs text-muted-foreground" aria-live="polite" data-testid="sms-length">
      {units} {encoding === "GSM-7" ? "characters" : "UCS-2 units"} · {segments} SMS{segments === 1 ? "" : " parts"} ·{" "}
      {encoding === "GSM-7" ? (
        "GSM-7 (160 per SMS, 153 per part when longer)"
      ) : (
        <span className="text-amber-700">
          UCS-2 because of a character outside the GSM alphabet (70 per SMS, 67 per part): each message costs more
        </span>
      )}
      . Filled-in values change the length.
    </p>
  );
}

function TemplateCard({ template }: { template: SmsTemplateRow }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const textarea = React.useRef<HTMLTextAreaElement | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(saveTemplateSchema),
    mode: "onChange",
    defaultValues: { key: template.key, body: template.body },
  });
  const save = useMutation(trpc.sms.templates.save.mutationOptions());
  const reset = useMutation(trpc.sms.templates.reset.mutationOptions());
  const body = form.watch("body") ?? "";
  const { errors, isDirty } = form.formState;
  const field = form.register("body");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sms.templates.list.queryKey() });

  /** Puts a placeholder where the cursor is (or at the end). */
  const insert = (name: string) => {
    const el = textarea.current;
    const token = `{{${name}}}`;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    form.setValue("body", body.slice(0, at) + token + body.slice(end), { shouldDirty: true, shouldValidate: true });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      toast({ variant: "success", title: `“${template.label}” saved` });
      await refresh();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-label={template.label}>
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-center gap-2">
            {template.label}
            {template.edited ? (
              <Badge variant="secondary">Your wording</Badge>
            ) : (
              <Badge variant="outline">Default</Badge>
            )}
          </CardTitle>
          <CardDescription>{template.when}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <FormError message={formErrorOf(form)} title="The template was not saved" />
          <FormField label="Message" error={errors.body?.message}>
            <Textarea
              rows={3}
              {...field}
              ref={(el) => {
                field.ref(el);
                textarea.current = el;
              }}
            />
          </FormField>
          <LengthLine text={body} />
          <div className="flex flex-wrap items-center gap-1.5 text-xs">
            <span className="text-muted-foreground">Insert:</span>
            {template.placeholders.map((p) => (
              <Button
                key={p.name}
                type="button"
                variant="outline"
                size="sm"
                className="h-7 font-mono text-xs"
                title={p.label}
                onClick={() => insert(p.name)}
              >
                {`{{${p.name}}}`}
              </Button>
            ))}
          </div>
        </CardContent>
        <CardFooter className="flex-col items-stretch gap-3 border-t pt-6 sm:flex-row sm:justify-end">
          {template.edited ? (
            <Button
              type="button"
              variant="outline"
              disabled={reset.isPending || save.isPending}
              onClick={() =>
                reset.mutate(
                  { key: template.key },
                  {
                    onSuccess: async () => {
                      toast({ title: `“${template.label}” is back to the default text` });
                      await refresh();
                    },
                  },
                )
              }
            >
              Use the default text
            </Button>
          ) : null}
          {isDirty ? (
            <Button type="button" variant="outline" onClick={() => form.reset()} disabled={save.isPending}>
              Discard changes
            </Button>
          ) : null}
          <Button type="submit" disabled={!isDirty || save.isPending}>
            {save.isPending ? <Spinner className="text-current" label="Saving" /> : null}
            Save
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}
