"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { sendTestSmsSchema } from "@/server/modules/sms/schema";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { SmsStatusBadge } from "./status-badge";

type FormIn = z.input<typeof sendTestSmsSchema>;
type FormOut = z.output<typeof sendTestSmsSchema>;

/** Sends a short message through the saved account and follows it until the provider answers. */
export function TestCard({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const [messageId, setMessageId] = React.useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(sendTestSmsSchema),
    defaultValues: { to: "" },
  });
  const send = useMutation(trpc.sms.settings.sendTest.mutationOptions());
  // The SMS goes out after the request's transaction commits: ask the log until it has an answer.
  const message = useQuery({
    ...trpc.sms.log.get.queryOptions({ id: messageId ?? "" }),
    enabled: !!messageId,
    refetchInterval: (q) => (q.state.data?.status === "QUEUED" ? 1000 : false),
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessageId(null);
    try {
      setMessageId((await send.mutateAsync(values)).id);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  const result = messageId ? message.data : undefined;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Send a test SMS</CardTitle>
        <CardDescription>
          {enabled
            ? "A short message through your saved account, to check the key and sender ID. It costs one SMS."
            : "Save a provider account first."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} title="The test SMS was not sent" />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <FormField
              label="Phone number"
              error={form.formState.errors.to?.message}
              description="International form, e.g. +254712345678 (or a local number in your company's country)."
              className="flex-1"
            >
              <Input type="tel" autoComplete="tel" disabled={!enabled} {...form.register("to")} />
            </FormField>
            <Button type="submit" className="sm:mt-6" disabled={!enabled || send.isPending}>
              {send.isPending ? <Spinner className="text-current" label="Sending" /> : null}
              Send test SMS
            </Button>
          </div>
        </form>
        {messageId ? (
          <div role="status" className="mt-4 grid gap-1 rounded-lg border p-3 text-sm" data-testid="sms-test-result">
            {!result || result.status === "QUEUED" ? (
              <p className="flex items-center gap-2">
                <Spinner label="Waiting for the provider" /> Waiting for the provider&rsquo;s answer…
              </p>
            ) : (
              <>
                <p className="flex items-center gap-2">
                  <SmsStatusBadge status={result.status} />
                  {result.status === "SENT"
                    ? `Accepted by the provider${result.providerMessageId ? ` (id ${result.providerMessageId})` : ""}.`
                    : "Not sent."}
                </p>
                {result.error ? <p className="text-destructive">{result.error}</p> : null}
              </>
            )}
            <Link href="/sms" className="text-primary underline-offset-4 hover:underline">
              Open the SMS log
            </Link>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
