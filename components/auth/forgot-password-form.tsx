"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/components/trpc/client";
import { applyServerErrors, formErrorOf } from "@/components/console/errors";
import { requestResetSchema } from "@/server/modules/auth/schema";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.passwordReset.request.mutationOptions());
  const form = useForm<z.input<typeof requestResetSchema>, unknown, z.output<typeof requestResetSchema>>({
    resolver: zodResolver(requestResetSchema),
    defaultValues: { email: "" },
  });
  const formError = formErrorOf(form);
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await request.mutateAsync(values);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
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
              If {form.getValues("email")} has an account here, a reset link is on its way. Check your inbox.
            </AlertDescription>
          </Alert>
        ) : (
          <form noValidate className="space-y-4" onSubmit={onSubmit}>
            {formError && (
              <Alert variant="destructive">
                <AlertDescription>{formError}</AlertDescription>
              </Alert>
            )}
            <FormField label="E-mail" error={form.formState.errors.email?.message}>
              <Input type="email" required {...form.register("email")} />
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
