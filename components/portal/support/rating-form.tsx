"use client";

import * as React from "react";
import { Star } from "lucide-react";
import { useForm } from "react-hook-form";
import { checkWith } from "@/components/console/check-with";
import { errorMessage, FormError, formErrorOf, setFormError } from "@/components/console/errors";
import { ratingFormSchema } from "@/components/console/schemas";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { RATING_LABELS } from "@/server/modules/tickets/schema";

/**
 * "How did we do?": five stars and an optional comment. Used on a resolved ticket in the portal
 * and on the e-mailed rating link; `send` stores the rating (a failure is shown in the form).
 */
export function RatingForm({
  commentId,
  initial = null,
  pending,
  send,
}: {
  commentId: string;
  initial?: number | null;
  pending: boolean;
  send: (rating: number, comment: string | undefined) => Promise<unknown>;
}) {
  const form = useForm<{ rating: number | null; comment: string }>({
    resolver: checkWith(ratingFormSchema),
    defaultValues: { rating: initial, comment: "" },
  });
  const rating = form.watch("rating");
  const { errors } = form.formState;

  const submit = form.handleSubmit(async ({ rating, comment }) => {
    try {
      await send(rating ?? 0, comment.trim() || undefined);
    } catch (err) {
      setFormError(form, errorMessage(err));
    }
  });

  return (
    <form noValidate onSubmit={submit} className="grid gap-3" aria-label="Rate the service">
      <RatingPicker
        value={rating}
        onChange={(n) => form.setValue("rating", n, { shouldValidate: form.formState.isSubmitted })}
      />
      <Label htmlFor={commentId}>Anything to add? (optional)</Label>
      <Textarea id={commentId} rows={3} {...form.register("comment")} />
      <FormError message={errors.rating?.message ?? errors.comment?.message ?? formErrorOf(form)} />
      <Button type="submit" className="h-11" disabled={pending}>
        {pending ? <Spinner className="text-current" label="Sending" /> : null}
        Send rating
      </Button>
    </form>
  );
}

/** Five stars as a radio group: big enough to tap, usable with the keyboard. */
export function RatingPicker({ value, onChange }: { value: number | null; onChange: (n: number) => void }) {
  return (
    <div role="radiogroup" aria-label="Rating" className="flex flex-wrap gap-1">
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={`${n} out of 5: ${RATING_LABELS[n]}`}
          onClick={() => onChange(n)}
          className="rounded-md p-1.5 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Star
            aria-hidden
            className={cn(
              "size-8",
              value !== null && n <= value ? "fill-amber-400 text-amber-400" : "text-muted-foreground",
            )}
          />
        </button>
      ))}
      {value ? <span className="self-center text-sm text-muted-foreground">{RATING_LABELS[value]}</span> : null}
    </div>
  );
}
