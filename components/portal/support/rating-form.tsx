"use client";

import * as React from "react";
import { Star } from "lucide-react";
import { errorMessage, FormError } from "@/components/console/errors";
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
  const [rating, setRating] = React.useState<number | null>(initial);
  const [comment, setComment] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!rating) {
      setError("Choose a rating from 1 to 5.");
      return;
    }
    setError(null);
    try {
      await send(rating, comment.trim() || undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3" aria-label="Rate the service">
      <RatingPicker value={rating} onChange={setRating} />
      <Label htmlFor={commentId}>Anything to add? (optional)</Label>
      <Textarea id={commentId} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      <FormError message={error} />
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
