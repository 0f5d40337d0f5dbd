"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck, ShieldOff } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, QueryError } from "../errors";
import { useDialogForm } from "../use-dialog-form";

export function TwoFactorCard({ setupHref = "/two-factor/setup" }: { setupHref?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const status = useQuery(trpc.auth.account.twoFactorStatus.queryOptions());
  const [confirming, setConfirming] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  // Turning it off takes a current code from the app, blank each time the dialog opens.
  const codeForm = useDialogForm(confirming, () => ({ code: "" }), {});
  const disable = useMutation(
    trpc.auth.account.disableTwoFactor.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        toast({
          variant: "success",
          title: "Two-factor authentication is off",
          description: "You can turn it on again at any time.",
        });
        await queryClient.invalidateQueries(trpc.auth.account.twoFactorStatus.pathFilter());
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const s = status.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Two-factor authentication
          {s ? (
            s.enabled ? (
              <Badge variant="success">
                <ShieldCheck aria-hidden />
                On
              </Badge>
            ) : (
              <Badge variant="outline" className="text-muted-foreground">
                Off
              </Badge>
            )
          ) : null}
        </CardTitle>
        <CardDescription>
          A code from an authenticator app on your phone, asked for after your password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {status.isError ? (
          <QueryError title="Could not load two-factor status" error={status.error} onRetry={() => status.refetch()} />
        ) : !s ? (
          <Skeleton className="h-10 w-full" aria-label="Loading two-factor status" />
        ) : s.enabled ? (
          <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
            <div className="space-y-1 text-sm">
              <p>Your account is protected by an authenticator app.</p>
              <p className={s.recoveryCodesLeft <= 3 ? "text-destructive" : "text-muted-foreground"}>
                {s.recoveryCodesLeft === 1 ? "1 recovery code left." : `${s.recoveryCodesLeft} recovery codes left.`}
                {s.recoveryCodesLeft <= 3
                  ? " Keep them somewhere safe: they are your way in if you lose your phone."
                  : ""}
              </p>
              {s.required ? (
                <p className="text-muted-foreground">
                  Your role requires two-factor authentication, so it cannot be turned off.
                </p>
              ) : null}
            </div>
            {!s.required ? (
              <Button
                variant="outline"
                onClick={() => {
                  setError(null);
                  setConfirming(true);
                }}
              >
                <ShieldOff aria-hidden />
                Turn off two-factor authentication
              </Button>
            ) : null}
          </div>
        ) : (
          <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-muted-foreground">
              {s.required
                ? "Your role requires two-factor authentication. Set it up to keep using your account."
                : "Optional, and recommended: even if someone learns your password, they cannot sign in without your phone."}
            </p>
            <Button asChild>
              <Link href={setupHref}>
                <ShieldCheck aria-hidden />
                Set up two-factor authentication
              </Link>
            </Button>
          </div>
        )}
      </CardContent>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Turn off two-factor authentication?"
        description="Signing in will only need your password. Your recovery codes will stop working. Enter the code your app shows now to confirm."
        confirmLabel="Turn off"
        pendingLabel="Turning off…"
        destructive
        pending={disable.isPending}
        error={error}
        onConfirm={() => disable.mutate({ code: codeForm.getValues("code") })}
      >
        <FormField label="Code from your authenticator app">
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} {...codeForm.register("code")} />
        </FormField>
      </ConfirmDialog>
    </Card>
  );
}
