"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors, FormError, formErrorOf } from "../errors";
import { profileFormSchema } from "../schemas";

type FormIn = z.input<typeof profileFormSchema>;
type FormOut = z.output<typeof profileFormSchema>;

export function ProfileCard({ name, email, roleLabel }: { name: string; email: string; roleLabel?: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(profileFormSchema), defaultValues: { name } });
  const update = useMutation(trpc.auth.account.updateProfile.mutationOptions());
  const { errors, isDirty } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync(values);
      form.reset({ name: saved.name });
      toast({ variant: "success", title: "Profile saved" });
      router.refresh(); // the header shows your name
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Card>
      <form noValidate onSubmit={onSubmit}>
        <CardHeader>
          <CardTitle>Profile</CardTitle>
          <CardDescription>How you appear to others in your company.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <FormError message={formErrorOf(form)} />
          <FormField label="Full name" error={errors.name?.message} required>
            <Input autoComplete="name" {...form.register("name")} />
          </FormField>
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div className="space-y-1">
              <dt className="text-muted-foreground">E-mail</dt>
              <dd className="font-medium break-all">{email}</dd>
            </div>
            {roleLabel ? (
              <div className="space-y-1">
                <dt className="text-muted-foreground">Role</dt>
                <dd className="font-medium">{roleLabel}</dd>
              </div>
            ) : null}
          </dl>
        </CardContent>
        <CardFooter className="justify-end">
          <Button type="submit" disabled={update.isPending || !isDirty}>
            {update.isPending ? <Spinner className="text-current" label="Saving" /> : null}
            {update.isPending ? "Saving…" : "Save profile"}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
