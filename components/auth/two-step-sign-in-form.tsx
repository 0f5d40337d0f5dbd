"use client";

import { type ReactNode, useActionState, useEffect, useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/** What a sign-in server action answers: the step it wants next and what went wrong, if anything. */
export type SignInStep = { step?: "password" | "totp"; error?: string };

/**
 * A sign-in card that asks for e-mail and password, then (when the account has an authenticator)
 * for its 6-digit code or a recovery code. The staff console's and the platform operator's sign-in
 * both use it; each brings its own server action and words. The e-mail and password stay in the
 * form, hidden, through the second step, which posts them again with the code.
 */
export function TwoStepSignInForm<State extends SignInStep>({
  action,
  initialState,
  destination,
  title,
  intro,
  recoveryHint,
  notice,
  hiddenFields,
  firstStepFooter,
}: {
  action: (previous: Awaited<State>, form: FormData) => Promise<State>;
  initialState: Awaited<State>;
  /** Where the browser goes once the action says the person is signed in; undefined until then. */
  destination: (state: Awaited<State>) => string | undefined;
  /** The card's title, on the first step and on the second. */
  title: (secondStep: boolean) => string;
  /** The card's description on the first step. */
  intro: string;
  /** The description on the second step when a recovery code is asked for. */
  recoveryHint: string;
  /** A message shown above the fields (e.g. "Your password was changed"), hidden while an error shows. */
  notice?: string;
  /** Values the action reads beside the fields (e.g. where to go after signing in). */
  hiddenFields?: Record<string, string>;
  /** Below the button on the first step (e.g. "Forgot password?"). */
  firstStepFooter?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState<State, FormData>(action, initialState);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [useRecovery, setUseRecovery] = useState(false);
  const secondStep = state.step === "totp";
  const goTo = destination(state);
  useEffect(() => {
    // A full navigation, not the router: the session cookie was just set by the action.
    if (goTo) window.location.assign(goTo);
  }, [goTo]);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{title(secondStep)}</CardTitle>
        <CardDescription>
          {secondStep ? (useRecovery ? recoveryHint : "Enter the 6-digit code from your authenticator app.") : intro}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={formAction} className="space-y-4">
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
          {Object.entries(hiddenFields ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
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
          <Button type="submit" className="w-full" disabled={pending || !!goTo}>
            {pending || goTo ? "Signing in…" : secondStep ? "Verify" : "Sign in"}
          </Button>
          <div className="flex justify-between text-sm">
            {secondStep ? (
              <button type="button" className="text-primary hover:underline" onClick={() => setUseRecovery((v) => !v)}>
                {useRecovery ? "Use authenticator code" : "Use a recovery code"}
              </button>
            ) : (
              firstStepFooter
            )}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
