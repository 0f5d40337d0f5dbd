"use client";

import { useActionState, useEffect, useState } from "react";
import { operatorLoginAction, type OperatorLoginState } from "@/app/(platform)/platform/operator/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function OperatorLoginForm() {
  const [state, action, pending] = useActionState<OperatorLoginState, FormData>(operatorLoginAction, {});
  // Kept across the second step, which posts them again with the code.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const secondStep = state.step === "totp";
  useEffect(() => {
    if (state.ok) window.location.assign("/operator");
  }, [state.ok]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Platform operator</CardTitle>
        <CardDescription>
          {secondStep
            ? useRecovery
              ? "Enter one of the recovery codes printed when your authenticator was set up."
              : "Enter the 6-digit code from your authenticator app."
            : "For the people who run Lastmile itself. ISP staff sign in on their company's address."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="space-y-4">
          {state.error && (
            <Alert variant="destructive">
              <AlertDescription>{state.error}</AlertDescription>
            </Alert>
          )}
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
          <Button type="submit" className="w-full" disabled={pending || !!state.ok}>
            {secondStep ? "Verify" : "Sign in"}
          </Button>
          {secondStep && (
            <button
              type="button"
              className="text-primary text-sm hover:underline"
              onClick={() => setUseRecovery((v) => !v)}
            >
              {useRecovery ? "Use authenticator code" : "Use a recovery code"}
            </button>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
