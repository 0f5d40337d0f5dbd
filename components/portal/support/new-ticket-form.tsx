"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, BookOpen, Lightbulb } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { checkWith } from "@/components/console/check-with";
import { applyServerErrors, FormError, QueryError, formErrorOf } from "@/components/console/errors";
import { CategoryOptions } from "@/components/console/tickets/category-options";
import { useDebouncedInput } from "@/components/console/use-url-state";
import { Snippet } from "@/components/kb/snippet";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { portalCreateTicketSchema } from "@/server/modules/tickets/schema";

type Values = { categoryId: string; subscriptionId: string; subject: string; description: string };

/** A customer opens a ticket; while they type, help articles that may already answer it are offered. */
export function NewTicketForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const uploads = useUploads();
  const options = useQuery(trpc.portal.tickets.options.queryOptions());
  const create = useMutation(trpc.portal.tickets.create.mutationOptions());
  const form = useForm<Values>({
    resolver: checkWith(portalCreateTicketSchema),
    defaultValues: { categoryId: "", subscriptionId: "", subject: "", description: "" },
  });
  const { errors } = form.formState;

  // Suggestions follow what is typed, after a pause (the knowledge base's full-text search).
  const subject = form.watch("subject");
  const description = form.watch("description");
  const [typed, setTyped] = React.useState("");
  const [, setText] = useDebouncedInput(typed, setTyped, 500);
  React.useEffect(() => setText(`${subject} ${description}`.trim()), [subject, description, setText]);
  const suggestions = useQuery({
    ...trpc.portal.tickets.suggestArticles.queryOptions({ text: typed }),
    enabled: typed.length >= 3,
    placeholderData: (prev) => prev,
  });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync({ ...values, attachmentIds: uploads.ids });
      toast({
        variant: "success",
        title: `Ticket ${created.numberLabel} sent`,
        description: "We will reply here and by e-mail.",
      });
      await queryClient.invalidateQueries(trpc.portal.tickets.pathFilter());
      router.push(`/portal/support/${created.id}`);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  if (options.isError)
    return <QueryError title="Could not load the form" error={options.error} onRetry={() => options.refetch()} />;
  const articles = typed.length >= 3 ? (suggestions.data ?? []) : [];

  return (
    <div className="grid gap-5">
      <Link
        href="/portal/support"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        Support
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Open a ticket</h1>
        <p className="text-sm text-muted-foreground">Tell us what is wrong. We reply here and by e-mail.</p>
      </div>
      <form onSubmit={onSubmit} className="grid gap-4" noValidate aria-label="New ticket">
        <FormError message={formErrorOf(form)} />
        <FormField label="What is it about?" required error={errors.categoryId?.message}>
          <NativeSelect {...form.register("categoryId")} className="h-11">
            <option value="">Choose…</option>
            <CategoryOptions categories={options.data?.categories ?? []} />
          </NativeSelect>
        </FormField>
        {(options.data?.services.length ?? 0) > 1 ? (
          <FormField label="Which service?" error={errors.subscriptionId?.message}>
            <NativeSelect {...form.register("subscriptionId")}>
              <option value="">Not about one service</option>
              {options.data!.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ) : null}
        <FormField label="Subject" required error={errors.subject?.message}>
          <Input
            {...form.register("subject")}
            className="h-11 text-base"
            placeholder="e.g. Internet keeps dropping in the evening"
            autoComplete="off"
          />
        </FormField>
        <FormField
          label="Describe the problem"
          required
          error={errors.description?.message}
          description="When did it start? What have you tried? What do the router lights show?"
        >
          <Textarea {...form.register("description")} rows={6} className="text-base" />
        </FormField>

        {articles.length ? (
          <Card className="border-primary/30 bg-primary/5" aria-live="polite">
            <CardHeader className="pb-2">
              <CardTitle className="flex items-center gap-2 text-base">
                <Lightbulb aria-hidden className="size-4" />
                These articles may already answer it
              </CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-2" aria-label="Suggested help articles">
                {articles.map((a) => (
                  <li key={a.id}>
                    <Link
                      href={`/portal/help/${a.slug}`}
                      target="_blank"
                      className="flex gap-2 rounded-md p-2 hover:bg-background"
                    >
                      <BookOpen aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                      <span className="min-w-0">
                        <span className="block font-medium text-primary">{a.title}</span>
                        <Snippet parts={a.snippet} className="line-clamp-2 text-xs text-muted-foreground" />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}

        <UploadField id="portal-ticket-files" uploads={uploads} />
        <Button type="submit" className="h-11" disabled={create.isPending || uploads.busy || !options.data}>
          {create.isPending ? <Spinner className="text-current" label="Sending" /> : null}
          {uploads.busy ? "Uploading files…" : "Send ticket"}
        </Button>
      </form>
    </div>
  );
}
