"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, FormError } from "@/components/console/errors";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { RATING_LABELS } from "@/server/modules/tickets/schema";
import { RatingForm } from "./rating-form";

/** The e-mailed rating link: rate once (the star chosen in the e-mail is preselected), then thanks. */
export function CsatSurvey({ token, preset }: { token: string; preset: number | null }) {
  const trpc = useTRPC();
  const peek = useQuery(trpc.tickets.csat.peek.queryOptions({ token }, { retry: false }));
  const submit = useMutation(trpc.tickets.csat.submit.mutationOptions());

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
          <CardDescription>
            {given
              ? `You rated ticket ${p.ticket?.numberLabel ?? ""}: ${given} out of 5 (${RATING_LABELS[given]}).`
              : "Your rating is recorded."}
          </CardDescription>
        </CardHeader>
      </Card>
    );
  }
  if (p.state !== "open") {
    return (
      <Card>
        <CardHeader>
          <CardTitle>This rating link no longer works</CardTitle>
          <CardDescription>
            {p.message ?? "The link is not valid. You can rate resolved tickets in the customer portal."}
          </CardDescription>
        </CardHeader>
      </Card>
    );
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
        <RatingForm
          commentId="csat-comment"
          initial={preset}
          pending={submit.isPending}
          send={(rating, comment) => submit.mutateAsync({ token, rating, comment })}
        />
      </CardContent>
    </Card>
  );
}
