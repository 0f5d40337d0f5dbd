"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/components/trpc/client";
import { applyServerErrors, formErrorOf } from "@/components/console/errors";
import { totpCodeSchema } from "@/server/modules/auth/schema";

// Enrolment: scan the QR code (or type the key), prove it with a code, save the recovery codes.
export function TwoFactorSetup({ required, home }: { required: boolean; home: string }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.auth.account.twoFactorStatus.queryOptions());
  const begin = useMutation(trpc.auth.account.beginTwoFactor.mutationOptions());
  const confirm = useMutation(trpc.auth.account.confirmTwoFactor.mutationOptions());
  const form = useForm<z.input<typeof totpCodeSchema>, unknown, z.output<typeof totpCodeSchema>>({
    resolver: zodResolver(totpCodeSchema),
    defaultValues: { code: "" },
  });
  const formError = formErrorOf(form);
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await confirm.mutateAsync(values);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  if (status.isLoading) return <Spinner />;
  if (status.data?.enabled && !confirm.data) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Two-factor authentication is on</CardTitle>
          <CardDescription>Your account already asks for a code from your authenticator app.</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button onClick={() => window.location.assign(home)}>Continue</Button>
        </CardFooter>
      </Card>
    );
  }
  if (confirm.data) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Save your recovery codes</CardTitle>
          <CardDescription>
            Each code signs you in once if you lose your phone. They are shown only now.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-muted p-3 font-mono text-sm">
            {confirm.data.recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </CardContent>
        <CardFooter className="gap-2">
          <Button
            variant="outline"
            onClick={() => navigator.clipboard?.writeText(confirm.data.recoveryCodes.join("\n"))}
          >
            Copy
          </Button>
          <Button onClick={() => window.location.assign(home)}>I have saved them</Button>
        </CardFooter>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Set up two-factor authentication</CardTitle>
        <CardDescription>
          {required ? "Your role requires a second factor before you can continue. " : ""}
          Use an authenticator app such as Google Authenticator, Authy or 1Password.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {!begin.data ? (
          <Button onClick={() => begin.mutate()} disabled={begin.isPending} className="w-full">
            {begin.isPending ? "Preparing…" : "Show QR code"}
          </Button>
        ) : (
          <form noValidate className="space-y-4" onSubmit={onSubmit}>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={begin.data.qrDataUrl} alt="QR code for your authenticator app" className="mx-auto h-44 w-44" />
            <p className="text-center text-sm text-muted-foreground">
              Can&apos;t scan? Enter this key:{" "}
              <code data-testid="totp-secret" className="break-all font-mono text-foreground">
                {begin.data.secret}
              </code>
            </p>
            {formError && (
              <Alert variant="destructive">
                <AlertDescription>{formError}</AlertDescription>
              </Alert>
            )}
            <FormField label="Code from the app" error={form.formState.errors.code?.message}>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                // "123 456" as apps show it is the code 123456.
                {...form.register("code", { setValueAs: (v: string) => v.replace(/\s/g, "") })}
              />
            </FormField>
            <Button type="submit" className="w-full" disabled={confirm.isPending}>
              {confirm.isPending ? "Checking…" : "Turn on two-factor authentication"}
            </Button>
          </form>
        )}
        {begin.error && (
          <Alert variant="destructive">
            <AlertDescription>{begin.error.message}</AlertDescription>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
}
