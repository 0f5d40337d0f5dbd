"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { changePasswordFormSchema, PASSWORD_HINT } from "../schemas";

type FormIn = z.input<typeof changePasswordFormSchema>;
type FormOut = z.output<typeof changePasswordFormSchema>;

export function PasswordCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [done, setDone] = React.useState(false);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(changePasswordFormSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = useMutation(trpc.auth.account.changePassword.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async ({ currentPassword, newPassword }) => {
    setDone(false);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      form.reset();
      setDone(true);
      await queryClient.invalidateQueries(trpc.auth.account.sessions.pathFilter());
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Card>
      <form noValidate onSubmit={onSubmit}>
        <CardHeader>
          <CardTitle>Password</CardTitle>
          <CardDescription>Changing your password signs you out on every other device.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          {done ? (
            <Alert variant="success">
              <CircleCheck aria-hidden />
              <AlertTitle>Password changed</AlertTitle>
              <AlertDescription>You are still signed in here; your other devices were signed out.</AlertDescription>
            </Alert>
          ) : null}
          <FormError message={formErrorOf(form)} />
          <FormField label="Current password" error={errors.currentPassword?.message} required>
            <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
          </FormField>
          <div className="grid items-start gap-5 sm:grid-cols-2">
            <FormField label="New password" error={errors.newPassword?.message} description={PASSWORD_HINT} required>
              <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
            </FormField>
            <FormField label="Confirm password" error={errors.confirmPassword?.message} required>
              <Input type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
            </FormField>
          </div>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? <Spinner className="text-current" label="Changing password" /> : null}
            {change.isPending ? "Changing…" : "Change password"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
