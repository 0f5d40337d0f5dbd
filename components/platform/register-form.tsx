"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { applyServerErrors, FormError, formErrorOf } from "@/components/console/errors";
import { RegionFields } from "@/components/console/locale-fields";
import type { LocaleOptions } from "@/components/console/locale-options";
import { PASSWORD_HINT, registerFormSchema, slugify } from "@/components/console/schemas";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Separator } from "@/components/ui/separator";
import { Spinner } from "@/components/ui/spinner";

type FormIn = z.input<typeof registerFormSchema>;
type FormOut = z.output<typeof registerFormSchema>;

const REDIRECT_DELAY_MS = 2500;

export function RegisterForm({
  rootDomain,
  protocol,
  options,
}: {
  rootDomain: string;
  protocol: string;
  options: LocaleOptions;
}) {
  const trpc = useTRPC();
  const register = useMutation(trpc.companies.register.mutationOptions());
  const [done, setDone] = React.useState<{ name: string; email: string; loginUrl: string; address: string } | null>(
    null,
  );
  const slugEdited = React.useRef(false);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(registerFormSchema),
    defaultValues: {
      name: "",
      slug: "",
      adminName: "",
      adminEmail: "",
      password: "",
      currency: "USD",
      timeZone: "UTC",
      country: "",
    },
  });
  const { errors } = form.formState;

  // Sensible defaults from the browser: its time zone, and the country of its language.
  React.useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz && options.timeZones.some((o) => o.value === tz) && !form.getFieldState("timeZone").isDirty) {
      form.setValue("timeZone", tz);
    }
    const region = navigator.language?.split("-")[1]?.toUpperCase();
    if (region && /^[A-Z]{2}$/.test(region) && !form.getValues("country")) form.setValue("country", region);
  }, [form, options.timeZones]);

  React.useEffect(() => {
    if (!done) return;
    const t = window.setTimeout(() => window.location.assign(done.loginUrl), REDIRECT_DELAY_MS);
    return () => window.clearTimeout(t);
  }, [done]);

  const slug = form.watch("slug");
  const preview = `${slug?.trim().toLowerCase() || "your-isp"}.${rootDomain}`;
  const nameField = form.register("name");
  const slugField = form.register("slug");

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const result = await register.mutateAsync(values);
      setDone({
        name: values.name,
        email: values.adminEmail,
        loginUrl: result.loginUrl,
        address: `${result.slug}.${rootDomain}`,
      });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  if (done) {
    return (
      <Card>
        <CardHeader className="items-center text-center">
          <span className="mb-2 flex size-12 items-center justify-center rounded-full bg-success/10 text-success">
            <CircleCheck aria-hidden className="size-6" />
          </span>
          <CardTitle className="text-2xl">Your company is ready</CardTitle>
          <CardDescription>
            {done.name} now has its own console at <span className="font-medium text-foreground">{done.address}</span>.
            Sign in there as <span className="font-medium text-foreground">{done.email}</span> with the password you
            chose.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col items-center gap-3 text-center">
          <Button asChild size="lg">
            <a href={done.loginUrl}>Go to your sign-in page</a>
          </Button>
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            <Spinner label="Redirecting" />
            Taking you there…
          </p>
          <p className="text-xs text-muted-foreground">
            As the first Super Admin you will set up two-factor authentication when you first sign in. Bookmark your
            address: your staff and customers sign in there too.
          </p>
        </CardContent>
      </Card>
    );
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-2xl">Register your ISP</CardTitle>
        <CardDescription>
          Create your company and its first administrator. You can invite your team straight after.
        </CardDescription>
      </CardHeader>
      <form noValidate onSubmit={onSubmit}>
        <CardContent className="grid gap-6">
          <FormError message={formErrorOf(form)} title="We could not create your company" />

          <fieldset className="grid gap-5">
            <legend className="mb-1 text-sm font-semibold">Your company</legend>
            <FormField label="Company name" error={errors.name?.message} required>
              <Input
                autoComplete="organization"
                placeholder="Acme Fiber"
                {...nameField}
                onChange={(e) => {
                  void nameField.onChange(e);
                  if (!slugEdited.current)
                    form.setValue("slug", slugify(e.target.value), { shouldValidate: form.formState.isSubmitted });
                }}
              />
            </FormField>
            <FormField
              label="Subdomain"
              error={errors.slug?.message}
              required
              description={
                <>
                  Your console&apos;s address:{" "}
                  <span className="font-medium break-all text-foreground" data-testid="slug-preview">
                    {protocol}://{preview}
                  </span>
                </>
              }
            >
              <Input
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                placeholder="acme-fiber"
                {...slugField}
                onChange={(e) => {
                  slugEdited.current = e.target.value !== "";
                  void slugField.onChange(e);
                }}
              />
            </FormField>
          </fieldset>

          <Separator />

          <fieldset className="grid gap-5">
            <legend className="mb-1 text-sm font-semibold">Your administrator account</legend>
            <div className="grid items-start gap-5 sm:grid-cols-2">
              <FormField label="Your name" error={errors.adminName?.message} required>
                <Input autoComplete="name" {...form.register("adminName")} />
              </FormField>
              <FormField label="Your e-mail" error={errors.adminEmail?.message} required>
                <Input type="email" autoComplete="email" {...form.register("adminEmail")} />
              </FormField>
            </div>
            <FormField label="Password" error={errors.password?.message} description={PASSWORD_HINT} required>
              <Input type="password" autoComplete="new-password" {...form.register("password")} />
            </FormField>
          </fieldset>

          <Separator />

          <fieldset className="grid gap-5">
            <legend className="mb-1 text-sm font-semibold">Region</legend>
            <RegionFields
              idPrefix="register"
              className="gap-5"
              options={options}
              fields={{
                currency: form.register("currency"),
                country: form.register("country"),
                timeZone: form.register("timeZone"),
              }}
              values={{ currency: form.watch("currency"), country: form.watch("country") }}
              errors={{
                currency: errors.currency?.message,
                country: errors.country?.message,
                timeZone: errors.timeZone?.message,
              }}
              timeZoneDescription="Times are shown to your staff in this time zone."
            />
          </fieldset>
        </CardContent>
        <CardFooter className="flex-col items-stretch gap-3 border-t pt-6">
          <Button type="submit" size="lg" disabled={register.isPending}>
            {register.isPending ? <Spinner className="text-current" label="Creating your company" /> : null}
            {register.isPending ? "Creating your company…" : "Create my company"}
          </Button>
          <p className="text-center text-xs text-muted-foreground">
            You can change the name, currency, time zone and country later in Settings.
          </p>
        </CardFooter>
      </form>
    </Card>
  );
}
