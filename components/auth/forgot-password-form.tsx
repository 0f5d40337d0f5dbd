"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { fieldErrors, useTRPC } from "@/components/trpc/client";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.passwordReset.request.mutationOptions());
  const [email, setEmail] = useState("");
  const errors = fieldErrors(request.error);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Reset your password</CardTitle>
        <CardDescription>We will e-mail you a link that works for one hour.</CardDescription>
      </CardHeader>
      <CardContent>
        {request.isSuccess ? (
          <Alert variant="success">
            <AlertDescription>
              If {email} has an account here, a reset link is on its way. Check your inbox.
            </AlertDescription>
          </Alert>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              request.mutate({ email });
            }}
          >
            {request.error && !errors.email && (
              <Alert variant="destructive">
                <AlertDescription>{request.error.message}</AlertDescription>
              </Alert>
            )}
            <FormField label="E-mail" error={errors.email}>
              <Input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
            </FormField>
            <Button type="submit" className="w-full" disabled={request.isPending}>
              Send reset link
            </Button>
          </form>
        )}
        <p className="mt-4 text-sm">
          <Link href="/login" className="text-primary hover:underline">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
