"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { formatMoney, formatSpeed } from "@/server/lib/money";
import { PASSWORD_HINT } from "@/server/auth/password-policy";
import { portalRegistrationSchema } from "@/server/modules/portal/schema";

type FormIn = z.input<typeof portalRegistrationSchema>;
type FormOut = z.output<typeof portalRegistrationSchema>;

const CYCLE: Record<string, string> = { MONTHLY: "month", QUARTERLY: "quarter", YEARLY: "year", VALIDITY: "voucher" };

export function SignupForm({ companyName, currency }: { companyName: string; currency: string }) {
  const trpc = useTRPC();
  const packages = useQuery(trpc.portal.packages.queryOptions());
  const register = useMutation(trpc.portal.register.mutationOptions());
  const resend = useMutation(trpc.portal.resendVerification.mutationOptions());
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(portalRegistrationSchema),
    defaultValues: {
      firstName: "",
      lastName: "",
      email: "",
      phone: "",
      serviceAddress: "",
      packageId: "",
      password: "",
    },
  });
  const server = fieldErrors(register.error);
  const err = (name: keyof FormIn) => form.formState.errors[name]?.message ?? server[name];

  if (register.data) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Check your inbox</CardTitle>
          <CardDescription>
            We sent a link to {register.data.email}. Open it to confirm your address; {companyName} will then contact
            you to schedule the installation.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-3">
          {resend.isSuccess && (
            <Alert variant="success">
              <AlertDescription>A new link is on its way.</AlertDescription>
            </Alert>
          )}
          <Button
            variant="outline"
            className="w-full"
            disabled={resend.isPending}
            onClick={() => resend.mutate({ email: register.data.email })}
          >
            Send the link again
          </Button>
          <Button asChild variant="link" className="w-full">
            <Link href="/login">Go to sign in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Get connected</CardTitle>
        <CardDescription>Sign up with {companyName}: choose a package and tell us where to install it.</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate className="space-y-4" onSubmit={form.handleSubmit((values) => register.mutate(values))}>
          {register.error && Object.keys(server).length === 0 && (
            <Alert variant="destructive">
              <AlertDescription>{register.error.message}</AlertDescription>
            </Alert>
          )}
          <div className="grid grid-cols-2 gap-3">
            <FormField label="First name" error={err("firstName")} required>
              <Input autoComplete="given-name" {...form.register("firstName")} />
            </FormField>
            <FormField label="Last name" error={err("lastName")} required>
              <Input autoComplete="family-name" {...form.register("lastName")} />
            </FormField>
          </div>
          <FormField label="E-mail" error={err("email")} required>
            <Input type="email" autoComplete="email" {...form.register("email")} />
          </FormField>
          <FormField label="Phone" error={err("phone")} required>
            <Input type="tel" autoComplete="tel" {...form.register("phone")} />
          </FormField>
          <FormField label="Installation address" error={err("serviceAddress")} required>
            <Input autoComplete="street-address" {...form.register("serviceAddress")} />
          </FormField>
          <FormField label="Package" error={err("packageId")} description="You can also decide later with our team.">
            <NativeSelect {...form.register("packageId")}>
              <option value="">I&apos;m not sure yet</option>
              {packages.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {formatSpeed(p.downloadKbps, p.uploadKbps)} · {formatMoney(p.priceMinor, currency)} per{" "}
                  {CYCLE[p.billingCycle] ?? "period"}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Password" error={err("password")} description={PASSWORD_HINT} required>
            <Input type="password" autoComplete="new-password" {...form.register("password")} />
          </FormField>
          <Button type="submit" className="w-full" disabled={register.isPending}>
            {register.isPending ? "Creating your account…" : "Sign up"}
          </Button>
          <p className="text-center text-sm text-muted-foreground">
            Already a customer?{" "}
            <Link href="/login" className="text-primary hover:underline">
              Sign in
            </Link>
          </p>
        </form>
      </CardContent>
    </Card>
  );
}
