"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { SearchInput } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { checkWith } from "../check-with";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import { useDebouncedInput } from "../use-url-state";
import { mergeSchema } from "@/server/modules/tickets/schema";
import { TicketStatusBadge } from "./badges";

export type MergeDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  source: { id: string; numberLabel: string; subject: string; customerId: string | null };
  onMerged: (targetId: string) => void;
};

/** Folds this ticket (a duplicate) into another one of the same customer. */
export function MergeDialog({ open, onOpenChange, ...props }: MergeDialogProps) {
  // The form lives inside the dialog's content, which is unmounted while closed: every opening
  // starts with an empty search and nothing chosen.
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-xl">
        <MergeForm onOpenChange={onOpenChange} {...props} />
      </DialogContent>
    </Dialog>
  );
}

function MergeForm({ onOpenChange, source, onMerged }: Omit<MergeDialogProps, "open">) {
  const trpc = useTRPC();
  const [search, setSearch] = React.useState("");
  const [text, setText] = useDebouncedInput(search, setSearch, 250);
  const form = useForm<{ targetId: string }>({
    resolver: checkWith(mergeSchema, () => ({ sourceId: source.id })),
    defaultValues: { targetId: "" },
  });
  const targetId = form.watch("targetId");
  // The customer's other open tickets first; a search looks through the whole queue.
  const candidates = useQuery(
    trpc.tickets.list.queryOptions({
      search: search || undefined,
      customerId: search ? undefined : (source.customerId ?? undefined),
      status: "open",
      pageSize: 10,
      sort: "updatedAt",
      direction: "desc",
    }),
  );
  const merge = useMutation(trpc.tickets.merge.mutationOptions());
  const rows = (candidates.data?.rows ?? []).filter((t) => t.id !== source.id);

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await merge.mutateAsync({ sourceId: source.id, targetId: values.targetId });
      onOpenChange(false);
      onMerged(result.targetId);
    } catch (err) {
      setFormError(form, errorMessage(err));
    }
  });

  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Merge {source.numberLabel} into another ticket</DialogTitle>
        <DialogDescription>
          {source.numberLabel} will be closed as a duplicate and point to the ticket you choose; its conversation stays
          readable, its watchers move over.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="merge-search">Find the ticket to keep</Label>
        <SearchInput
          id="merge-search"
          placeholder="#42 or words of the subject"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div role="radiogroup" aria-label="Ticket to merge into" className="grid max-h-72 gap-1.5 overflow-y-auto">
        {candidates.isLoading ? <Spinner label="Loading tickets" /> : null}
        {rows.map((t) => (
          <button
            key={t.id}
            type="button"
            role="radio"
            aria-checked={targetId === t.id}
            onClick={() => form.setValue("targetId", t.id)}
            className={cn(
              "flex items-start justify-between gap-3 rounded-md border px-3 py-2 text-left text-sm hover:bg-accent",
              targetId === t.id && "border-primary ring-2 ring-primary/30",
            )}
          >
            <span className="min-w-0">
              <span className="font-mono text-xs text-muted-foreground">{t.numberLabel}</span>{" "}
              <span className="font-medium">{t.subject}</span>
              <span className="block truncate text-xs text-muted-foreground">
                {t.customer?.displayName ?? "No customer"}
              </span>
            </span>
            <TicketStatusBadge status={t.status} />
          </button>
        ))}
        {candidates.data && rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            {search ? "No open ticket matches." : "This customer has no other open ticket. Search the queue above."}
          </p>
        ) : null}
      </div>
      <FormError message={form.formState.errors.targetId?.message ?? formErrorOf(form)} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={!targetId || merge.isPending}>
          {merge.isPending ? <Spinner className="text-current" label="Merging" /> : null}
          Merge
        </Button>
      </DialogFooter>
    </form>
  );
}
