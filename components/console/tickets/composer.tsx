"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Lock, MessageSquare, Send } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { UploadField } from "@/components/attachments/upload-field";
import { useUploads } from "@/components/attachments/use-uploads";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { fieldErrors } from "@/components/trpc/client";
import { fillPlaceholders } from "@/server/modules/tickets/schema";
import { checkWith } from "../check-with";
import { replyFormSchema } from "../schemas";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";

export type ComposerProps = {
  ticketId: string;
  numberLabel: string;
  customerName: string | null;
  agentName: string;
  companyName: string;
  canReply: boolean;
  canNote: boolean;
  /** The ticket takes no public replies (closed, merged): only notes. */
  closedReason: string | null;
  onSent: () => Promise<unknown> | void;
};

type Mode = "PUBLIC" | "INTERNAL";
type After = "IN_PROGRESS" | "WAITING_ON_CUSTOMER" | "RESOLVED" | undefined;

/** The reply box: a public reply to the customer or an internal note, canned responses, files. */
export function Composer({
  ticketId,
  numberLabel,
  customerName,
  agentName,
  companyName,
  canReply,
  canNote,
  closedReason,
  onSent,
}: ComposerProps) {
  const trpc = useTRPC();
  const toast = useToast();
  const uploads = useUploads();
  const area = React.useRef<HTMLTextAreaElement>(null);
  const publicAllowed = canReply && !closedReason;
  const [chosenMode, setMode] = React.useState<Mode>(publicAllowed ? "PUBLIC" : "INTERNAL");
  // Once the ticket stops taking public replies (closed, merged) only a note can be written.
  const mode: Mode = publicAllowed ? chosenMode : "INTERNAL";
  const form = useForm<{ body: string }>({
    resolver: checkWith(replyFormSchema),
    defaultValues: { body: "" },
  });
  const { ref: bodyRef, ...bodyField } = form.register("body");
  const error = form.formState.errors.body?.message ?? formErrorOf(form);
  const canned = useQuery({ ...trpc.tickets.canned.list.queryOptions({}), enabled: canReply });
  const reply = useMutation(trpc.tickets.reply.mutationOptions());
  const note = useMutation(trpc.tickets.addNote.mutationOptions());
  const pending = reply.isPending || note.isPending;

  if (!canReply && !canNote) return null;

  function insert(text: string) {
    const el = area.current;
    const body = form.getValues("body");
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + text + body.slice(end);
    form.setValue("body", next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  // One form, three ways to send it: the status the ticket moves to after a public reply differs.
  const send = (after: After) =>
    form.handleSubmit(async ({ body }) => {
      try {
        if (mode === "PUBLIC") await reply.mutateAsync({ ticketId, body, attachmentIds: uploads.ids, status: after });
        else await note.mutateAsync({ ticketId, body, attachmentIds: uploads.ids });
        toast({ variant: "success", title: mode === "PUBLIC" ? "Reply sent to the customer" : "Internal note added" });
        form.reset({ body: "" });
        uploads.reset();
        await onSent();
      } catch (err) {
        const fields = fieldErrors(err);
        if (fields.body) form.setError("body", { type: "server", message: fields.body }, { shouldFocus: true });
        else setFormError(form, fields.attachmentIds ?? errorMessage(err));
      }
    });

  const internal = mode === "INTERNAL";
  return (
    <section
      aria-label="Reply"
      className={cn(
        "grid gap-3 rounded-xl border p-4",
        internal ? "border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/20" : "bg-card",
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label="Who sees this" className="inline-flex rounded-md border bg-background p-0.5">
          {canReply ? (
            <button
              type="button"
              role="radio"
              aria-checked={mode === "PUBLIC"}
              disabled={!publicAllowed}
              onClick={() => setMode("PUBLIC")}
              className={cn(
                "inline-flex items-center gap-1.5 rounded px-3 py-1 text-sm disabled:opacity-50",
                mode === "PUBLIC" && "bg-primary text-primary-foreground",
              )}
            >
              <MessageSquare aria-hidden className="size-4" />
              Public reply
            </button>
          ) : null}
          {canNote ? (
            <button
              type="button"
              role="radio"
              aria-checked={internal}
              onClick={() => setMode("INTERNAL")}
              className={cn(
                "inline-flex items-center gap-1.5 rounded px-3 py-1 text-sm",
                internal && "bg-amber-500 text-white",
              )}
            >
              <Lock aria-hidden className="size-4" />
              Internal note
            </button>
          ) : null}
        </div>
        {canReply && (canned.data?.length ?? 0) > 0 ? (
          <div className="flex items-center gap-2">
            <Label htmlFor={`canned-${ticketId}`} className="text-sm text-muted-foreground">
              Canned response
            </Label>
            <NativeSelect
              id={`canned-${ticketId}`}
              className="w-56"
              value=""
              onChange={(e) => {
                const picked = canned.data?.find((c) => c.id === e.target.value);
                if (picked)
                  insert(
                    fillPlaceholders(picked.body, {
                      customer: customerName,
                      ticket: numberLabel,
                      agent: agentName,
                      company: companyName,
                    }),
                  );
              }}
            >
              <option value="">Insert…</option>
              {canned.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </NativeSelect>
          </div>
        ) : null}
      </div>
      {closedReason && canReply ? <p className="text-sm text-muted-foreground">{closedReason}</p> : null}
      <Label htmlFor={`reply-${ticketId}`} className="sr-only">
        {internal ? "Internal note" : "Reply to the customer"}
      </Label>
      <Textarea
        ref={(el) => {
          bodyRef(el);
          area.current = el;
        }}
        id={`reply-${ticketId}`}
        rows={5}
        {...bodyField}
        placeholder={
          internal
            ? "A note for your colleagues. The customer never sees it."
            : customerName
              ? `Reply to ${customerName}…`
              : "Reply…"
        }
        aria-invalid={error ? true : undefined}
      />
      <FormError message={error} />
      <UploadField id={`reply-files-${ticketId}`} uploads={uploads} disabled={pending} />
      <div className="flex flex-wrap justify-end gap-2">
        {internal ? (
          <Button
            type="button"
            onClick={send(undefined)}
            disabled={pending || uploads.busy}
            className="bg-amber-600 hover:bg-amber-600/90"
          >
            {pending ? <Spinner className="text-current" label="Saving" /> : <Lock aria-hidden />}
            Add internal note
          </Button>
        ) : (
          <>
            <Button type="button" variant="outline" onClick={send("RESOLVED")} disabled={pending || uploads.busy}>
              Send and resolve
            </Button>
            <Button
              type="button"
              variant="outline"
              onClick={send("WAITING_ON_CUSTOMER")}
              disabled={pending || uploads.busy}
            >
              Send and wait for customer
            </Button>
            <Button type="button" onClick={send(undefined)} disabled={pending || uploads.busy}>
              {pending ? <Spinner className="text-current" label="Sending" /> : <Send aria-hidden />}
              Send reply
            </Button>
          </>
        )}
      </div>
    </section>
  );
}
