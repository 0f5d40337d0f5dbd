"use client";

import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/components/trpc/client";
import { checkWith } from "@/components/console/check-with";
import { applyServerErrors, formErrorOf } from "@/components/console/errors";
import { acceptInvitationFormSchema, resetPasswordFormSchema } from "@/components/console/schemas";

type Values = { name: string; password: string; confirm: string };

// Choosing a password: after a reset link, or when accepting an invitation.
export function SetPasswordForm(props: {
  mode: "reset" | "invite";
  token: string;
  email?: string;
  name?: string;
  intro?: string;
}) {
  const trpc = useTRPC();
  const reset = useMutation(
    trpc.auth.passwordReset.reset.mutationOptions({ onSuccess: () => window.location.assign("/login?reset=1") }),
  );
  const accept = useMutation(
    trpc.users.acceptInvitation.mutationOptions({ onSuccess: () => window.location.assign("/login?joined=1") }),
  );
  const mutation = props.mode === "reset" ? reset : accept;
  const form = useForm<Values>({
    resolver: checkWith(props.mode === "reset" ? resetPasswordFormSchema : acceptInvitationFormSchema, () => ({
      token: props.token,
    })),
    defaultValues: { name: props.name ?? "", password: "", confirm: "" },
  });
  const { errors } = form.formState;
  const formError = formErrorOf(form);

  const onSubmit = form.handleSubmit(async ({ name, password }) => {
    try {
      if (props.mode === "reset") await reset.mutateAsync({ token: props.token, password });
      else await accept.mutateAsync({ token: props.token, name, password });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle>{props.mode === "reset" ? "Choose a new password" : "Join your team"}</CardTitle>
        <CardDescription>{props.intro ?? "At least 10 characters, with letters and a digit."}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="space-y-4" onSubmit={onSubmit}>
          {formError && (
            <Alert variant="destructive">
              <AlertDescription>{formError}</AlertDescription>
            </Alert>
          )}
          {props.email && (
            <FormField label="E-mail">
              <Input value={props.email} readOnly disabled />
            </FormField>
          )}
          {props.mode === "invite" && (
            <FormField label="Your name" error={errors.name?.message}>
              <Input required {...form.register("name")} />
            </FormField>
          )}
          <FormField
            label="New password"
            error={errors.password?.message}
            description="At least 10 characters, with letters and a digit."
          >
            <Input type="password" autoComplete="new-password" required {...form.register("password")} />
          </FormField>
          <FormField label="Repeat the password" error={errors.confirm?.message}>
            <Input type="password" autoComplete="new-password" required {...form.register("confirm")} />
          </FormField>
          <Button type="submit" className="w-full" disabled={mutation.isPending}>
            {props.mode === "reset" ? "Save password" : "Create my account"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
