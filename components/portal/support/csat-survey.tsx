"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, FormError } from "@/components/console/errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { RATING_LABELS } from "@/server/modules/tickets/schema";
import { RatingPicker } from "./ticket-detail";

/** The e-mailed rating link: rate once (the star chosen in the e-mail is preselected), then thanks. */
export function CsatSurvey({ token, preset }: { token: string; preset: number | null }) {
  const trpc = useTRPC();
  const peek = useQuery(trpc.csat.peek.queryOptions({ token }, { retry: false }));
  const submit = useMutation(trpc.csat.submit.mutationOptions());
  const [rating, setRating] = React.useState<number | null>(preset);
  const [comment, setComment] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);

  if (peek.isLoading) return <Spinner label="Loading" />;
  if (peek.isError || !peek.data) return <FormError message={errorMessage(peek.error, "This link does not work.")} />;
  const p = peek.data;

  if (submit.isSuccess || p.state === "rated") {
    const given = submit.data?.rating ?? p.rating;
    return (
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <CircleCheck aria-hidden className="size-5 text-success" />
            Thank you!
          </CardTitle>
          <CardDescription>{given ? `You rated ticket ${p.ticket?.numberLabel ?? ""}: ${given} out of 5 (${RATING_LABELS[given]}).` : "Your rating is recorded."}</CardDescription>
        </CardHeader>
      </Card>
    );
  }
  if (p.state !== "open") {
    return (
      <Card>
        <CardHeader>
          <CardTitle>This rating link no longer works</CardTitle>
          <CardDescription>{p.message ?? "The link is not valid. You can rate resolved tickets in the customer portal."}</CardDescription>
        </CardHeader>
      </Card>
    );
  }

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!rating) {
      setError("Choose a rating from 1 to 5.");
      return;
    }
    setError(null);
    try {
      await submit.mutateAsync({ token, rating, comment: comment.trim() || undefined });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>How did we do?</CardTitle>
        <CardDescription>
          Ticket {p.ticket!.numberLabel}: {p.ticket!.subject}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={send} className="grid gap-3" aria-label="Rate the service">
          <RatingPicker value={rating} onChange={setRating} />
          <Label htmlFor="csat-comment">Anything to add? (optional)</Label>
          <Textarea id="csat-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          <FormError message={error} />
          <Button type="submit" className="h-11" disabled={submit.isPending}>
            {submit.isPending ? <Spinner className="text-current" label="Sending" /> : null}
            Send rating
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
