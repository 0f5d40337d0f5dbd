"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { fieldErrors, useTRPC } from "@/components/trpc/client";

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
  const [name, setName] = useState(props.name ?? "");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);
  const errors = fieldErrors(mutation.error);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{props.mode === "reset" ? "Choose a new password" : "Join your team"}</CardTitle>
        <CardDescription>{props.intro ?? "At least 10 characters, with letters and a digit."}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (password !== confirm) return setMismatch(true);
            setMismatch(false);
            if (props.mode === "reset") reset.mutate({ token: props.token, password });
            else accept.mutate({ token: props.token, name, password });
          }}
        >
          {mutation.error && !errors.password && !errors.name && (
            <Alert variant="destructive">
              <AlertDescription>{mutation.error.message}</AlertDescription>
            </Alert>
          )}
          {props.email && (
            <FormField label="E-mail">
              <Input value={props.email} readOnly disabled />
            </FormField>
          )}
          {props.mode === "invite" && (
            <FormField label="Your name" error={errors.name}>
              <Input value={name} onChange={(e) => setName(e.target.value)} required />
            </FormField>
          )}
          <FormField
            label="New password"
            error={errors.password}
            description="At least 10 characters, with letters and a digit."
          >
            <Input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </FormField>
          <FormField label="Repeat the password" error={mismatch ? "The two passwords are not the same." : undefined}>
            <Input
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              required
            />
          </FormField>
          <Button type="submit" className="w-full" disabled={mutation.isPending}>
            {props.mode === "reset" ? "Save password" : "Create my account"}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
