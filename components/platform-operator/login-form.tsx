"use client";

import { useActionState, useEffect } from "react";
import { operatorLoginAction } from "@/app/(platform)/platform/operator/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

export function OperatorLoginForm() {
  const [state, action, pending] = useActionState(operatorLoginAction, {});
  useEffect(() => {
    if (state.ok) window.location.assign("/operator");
  }, [state.ok]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Platform operator</CardTitle>
        <CardDescription>
          For the people who run Lastmile itself. ISP staff sign in on their company&apos;s address.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={action} className="space-y-4">
          {state.error && (
            <Alert variant="destructive">
              <AlertDescription>{state.error}</AlertDescription>
            </Alert>
          )}
          <FormField label="E-mail">
            <Input name="email" type="email" autoComplete="username" required />
          </FormField>
          <FormField label="Password">
            <Input name="password" type="password" autoComplete="current-password" required />
          </FormField>
          <Button type="submit" className="w-full" disabled={pending}>
            Sign in
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
