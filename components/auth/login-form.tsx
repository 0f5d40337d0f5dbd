"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { loginAction, type LoginState } from "@/app/(auth)/login/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function LoginForm({ companyName, next, notice }: { companyName: string; next?: string; notice?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, { step: "password" });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const secondStep = state.step === "totp";
  useEffect(() => {
    if (state.next) window.location.assign(state.next);
  }, [state.next]);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{secondStep ? "Two-factor authentication" : "Sign in"}</CardTitle>
        <CardDescription>
          {secondStep
            ? useRecovery
              ? "Enter one of your recovery codes."
              : "Enter the 6-digit code from your authenticator app."
            : `Staff console and customer portal of ${companyName}.`}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="space-y-4">
          {notice && !state.error && (
            <Alert variant="success">
              <AlertDescription>{notice}</AlertDescription>
            </Alert>
          )}
          {state.error && (
            <Alert variant="destructive">
              <AlertDescription>{state.error}</AlertDescription>
            </Alert>
          )}
          <input type="hidden" name="next" value={next ?? ""} />
          <div className={secondStep ? "hidden" : "space-y-4"}>
            <FormField label="E-mail">
              <Input
                name="email"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </FormField>
            <FormField label="Password">
              <Input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </FormField>
          </div>
          {secondStep &&
            (useRecovery ? (
              <FormField label="Recovery code">
                <Input name="recoveryCode" autoComplete="off" required autoFocus />
              </FormField>
            ) : (
              <FormField label="Authentication code">
                <Input
                  name="totp"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]{6,7}"
                  required
                  autoFocus
                />
              </FormField>
            ))}
          <Button type="submit" className="w-full" disabled={pending || !!state.next}>
            {pending || state.next ? "Signing in…" : secondStep ? "Verify" : "Sign in"}
          </Button>
          <div className="flex justify-between text-sm">
            {secondStep ? (
              <button type="button" className="text-primary hover:underline" onClick={() => setUseRecovery((v) => !v)}>
                {useRecovery ? "Use authenticator code" : "Use a recovery code"}
              </button>
            ) : (
              <Link href="/forgot-password" className="text-primary hover:underline">
                Forgot password?
              </Link>
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
