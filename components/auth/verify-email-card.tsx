"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { verifyEmailAction, type VerifyState } from "@/app/(auth)/verify-email/[token]/actions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export function VerifyEmailCard({ token }: { token: string }) {
  const [state, setState] = useState<VerifyState>({});
  const [pending, start] = useTransition();
  return (
    <Card>
      <CardHeader>
        <CardTitle>{state.done ? "Your e-mail is confirmed" : "Confirm your e-mail address"}</CardTitle>
        <CardDescription>
          {state.done ? "You can sign in to your customer portal now." : "One click and your account is ready to use."}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {state.error && (
          <Alert variant="destructive">
            <AlertDescription>{state.error}</AlertDescription>
          </Alert>
        )}
        {state.done ? (
          <Button asChild className="w-full">
            <Link href="/login">Sign in</Link>
          </Button>
        ) : (
          <Button
            className="w-full"
            disabled={pending}
            onClick={() => start(async () => setState(await verifyEmailAction(token)))}
          >
            {pending ? "Confirming…" : "Confirm my e-mail"}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
