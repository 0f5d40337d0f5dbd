"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, GitMerge, Send, Star } from "lucide-react";
import { useTRPC, fieldErrors } from "@/components/trpc/client";
import { AttachmentList } from "@/components/attachments/attachment-list";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { checkWith } from "@/components/console/check-with";
import { errorMessage, FormError, formErrorOf, QueryError, setFormError } from "@/components/console/errors";
import { formatDateTime } from "@/components/console/format";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { RATING_LABELS } from "@/server/modules/tickets/schema";
import { replyFormSchema } from "@/components/console/schemas";
import type { RouterOutputs } from "@/components/console/types";
import { RatingForm } from "./rating-form";
import { CustomerStatusBadge } from "./status";

type Ticket = RouterOutputs["portal"]["tickets"]["get"];

/** One of the customer's tickets: the conversation (public replies only), a reply box, the rating prompt. */
export function PortalTicketDetail({ id, timeZone }: { id: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.portal.tickets.get.queryOptions({ id }));
  const refresh = () => queryClient.invalidateQueries(trpc.portal.tickets.pathFilter());
  const back = (
    <Link
      href="/portal/support"
      className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
    >
      <ArrowLeft aria-hidden className="size-4" />
      Support
    </Link>
  );
  if (query.isError) {
    return (
      <div className="grid gap-4">
        {back}
        <QueryError title="Could not load this ticket" error={query.error} onRetry={() => query.refetch()} />
      </div>
    );
  }
  const t = query.data;
  if (!t) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading ticket">
        {back}
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }

  return (
    <div className="grid gap-5">
      {back}
      <div className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <span className="font-mono">{t.numberLabel}</span>
          <CustomerStatusBadge status={t.status} label={t.statusLabel} />
          <span>{t.category.name}</span>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{t.subject}</h1>
        <p className="text-xs text-muted-foreground">Opened {formatDateTime(t.createdAt, timeZone)}</p>
      </div>

      {t.mergedInto ? (
        <Alert>
          <GitMerge aria-hidden />
          <AlertTitle>Merged into {t.mergedInto.numberLabel}</AlertTitle>
          <AlertDescription>
            <p>
              This was the same problem as another ticket of yours, so we continue there:{" "}
              <Link className="text-primary underline" href={`/portal/support/${t.mergedInto.id}`}>
                open {t.mergedInto.numberLabel}
              </Link>
              .
            </p>
          </AlertDescription>
        </Alert>
      ) : null}

      {t.rating.canRate || t.rating.rating ? <RatingCard ticket={t} onRated={refresh} /> : null}

      <ol className="grid gap-3" aria-label="Conversation">
        <li className="rounded-xl border bg-muted/40 p-4">
          <p className="mb-1 text-sm font-medium">
            {t.openedByCustomer ? "You wrote" : "Your request, as our team noted it"}
          </p>
          <p className="text-sm whitespace-pre-line">{t.description}</p>
          <AttachmentList items={t.attachments} />
        </li>
        {t.comments.map((c) => (
          <li
            key={c.id}
            className={cn("rounded-xl border p-4", c.mine ? "bg-muted/40" : "bg-card shadow-sm")}
            aria-label={`Message from ${c.author}`}
          >
            <p className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="font-medium">{c.author}</span>
              <span className="text-xs text-muted-foreground">{formatDateTime(c.createdAt, timeZone)}</span>
            </p>
            <p className="text-sm whitespace-pre-line">{c.body}</p>
            <AttachmentList items={c.attachments} />
          </li>
        ))}
      </ol>

      {t.canReply ? (
        <ReplyBox ticket={t} onSent={refresh} />
      ) : !t.mergedInto ? (
        <p className="rounded-xl border border-dashed p-4 text-sm text-muted-foreground">
          This ticket is closed. If the problem is back,{" "}
          <Link href="/portal/support/new" className="text-primary underline">
            open a new ticket
          </Link>{" "}
          and mention {t.numberLabel}.
        </p>
      ) : null}

      {t.events.length ? (
        <details className="rounded-xl border p-4 text-sm">
          <summary className="cursor-pointer font-medium">History</summary>
          <ol className="mt-3 grid gap-2">
            {t.events.map((e) => (
              <li key={e.id} className="flex flex-wrap justify-between gap-2">
                <span>
                  {e.kind === "created"
                    ? "Ticket opened"
                    : e.kind === "merged_into"
                      ? `Merged into ${e.toValue}`
                      : `Status: ${e.toValue}`}
                </span>
                <span className="text-xs text-muted-foreground">{formatDateTime(e.createdAt, timeZone)}</span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}

function ReplyBox({ ticket, onSent }: { ticket: Ticket; onSent: () => unknown }) {
  const trpc = useTRPC();
  const toast = useToast();
  const uploads = useUploads();
  const reply = useMutation(trpc.portal.tickets.reply.mutationOptions());
  const form = useForm<{ body: string }>({ resolver: checkWith(replyFormSchema), defaultValues: { body: "" } });
  const error = form.formState.errors.body?.message ?? formErrorOf(form);
  const reopens = ticket.status === "RESOLVED";

  const send = form.handleSubmit(async ({ body }) => {
    try {
      const r = await reply.mutateAsync({ ticketId: ticket.id, body, attachmentIds: uploads.ids });
      toast({
        variant: "success",
        title: "Reply sent",
        description: reopens ? "Your ticket is open again." : `Status: ${r.statusLabel}`,
      });
      form.reset({ body: "" });
      uploads.reset();
      await onSent();
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields.body) form.setError("body", { type: "server", message: fields.body }, { shouldFocus: true });
      else setFormError(form, fields.attachmentIds ?? errorMessage(err));
    }
  });

  return (
    <form noValidate onSubmit={send} className="grid gap-3 rounded-xl border bg-card p-4" aria-label="Reply">
      <Label htmlFor="portal-reply">
        {ticket.status === "WAITING_ON_CUSTOMER"
          ? "We are waiting for your reply"
          : reopens
            ? "Still not solved? Reply to reopen the ticket"
            : "Reply"}
      </Label>
      <Textarea
        id="portal-reply"
        rows={4}
        className="text-base"
        {...form.register("body")}
        aria-invalid={error ? true : undefined}
      />
      <FormError message={error} />
      <UploadField id="portal-reply-files" uploads={uploads} disabled={reply.isPending} />
      <Button type="submit" className="h-11" disabled={reply.isPending || uploads.busy}>
        {reply.isPending ? <Spinner className="text-current" label="Sending" /> : <Send aria-hidden />}
        {reopens ? "Send and reopen" : "Send reply"}
      </Button>
    </form>
  );
}

/** "How did we do?" once the ticket is resolved; the rating once given. */
function RatingCard({ ticket, onRated }: { ticket: Ticket; onRated: () => unknown }) {
  const trpc = useTRPC();
  const toast = useToast();
  const rate = useMutation(trpc.portal.tickets.rate.mutationOptions());

  if (ticket.rating.rating) {
    return (
      <Card>
        <CardHeader>
          <CardTitle className="text-base">Thank you for your rating</CardTitle>
          <CardDescription className="flex items-center gap-1">
            <span className="sr-only">You rated {ticket.rating.rating} out of 5:</span>
            {[1, 2, 3, 4, 5].map((n) => (
              <Star
                key={n}
                aria-hidden
                className={cn(
                  "size-4",
                  n <= ticket.rating.rating! ? "fill-amber-400 text-amber-400" : "text-muted-foreground",
                )}
              />
            ))}
            <span className="ml-1">{RATING_LABELS[ticket.rating.rating]}</span>
          </CardDescription>
        </CardHeader>
        {ticket.rating.comment ? (
          <CardContent className="text-sm text-muted-foreground">“{ticket.rating.comment}”</CardContent>
        ) : null}
      </Card>
    );
  }

  return (
    <Card className="border-primary/40">
      <CardHeader>
        <CardTitle className="text-base">How did we do?</CardTitle>
        <CardDescription>Your ticket is resolved. Rate the help you got; it takes a few seconds.</CardDescription>
      </CardHeader>
      <CardContent>
        <RatingForm
          commentId="rating-comment"
          pending={rate.isPending}
          send={async (rating, comment) => {
            await rate.mutateAsync({ ticketId: ticket.id, rating, comment });
            toast({ variant: "success", title: "Thank you for your rating" });
            await onRated();
          }}
        />
      </CardContent>
    </Card>
  );
}
