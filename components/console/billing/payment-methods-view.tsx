"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CreditCard, Smartphone } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import {
  MPESA_ENVIRONMENT_LABELS,
  MPESA_ENVIRONMENTS,
  PAYMENT_PROVIDER_LABELS,
  saveMpesaSettingsSchema,
  saveStripeSettingsSchema,
  type PaymentProviderKey,
} from "@/server/modules/payments/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { applyServerErrors, errorMessage, FormError, formErrorOf, QueryError } from "../errors";
import type { RouterOutputs } from "../types";
import { BillingTabs } from "./billing-tabs";

type Methods = RouterOutputs["payments"]["methods"]["get"];

/** Billing → Payment methods: the company's Stripe account and M-Pesa paybill or till. */
export function PaymentMethodsView() {
  const trpc = useTRPC();
  const query = useQuery(trpc.payments.methods.get.queryOptions());
  return (
    <>
      <PageHeader
        title="Billing"
        description="How customers pay you online: by card through your Stripe account, and by M-Pesa to your paybill or till."
      />
      <BillingTabs current="/billing/payment-methods" />
      {query.isError ? (
        <QueryError title="Could not load the payment methods" error={query.error} onRetry={() => query.refetch()} />
      ) : !query.data ? (
        <Skeleton className="h-96 w-full" aria-label="Loading payment methods" />
      ) : (
        <div className="grid gap-6">
          <StripeCard key={`stripe-${String(query.data.stripe.updatedAt)}`} methods={query.data} />
          <MpesaCard key={`mpesa-${String(query.data.mpesa.updatedAt)}`} methods={query.data} />
        </div>
      )}
    </>
  );
}

function StatusAlert({
  on,
  offMessage,
  children,
}: {
  on: boolean;
  offMessage: string | null;
  children: React.ReactNode;
}) {
  return on ? (
    <Alert variant="success">
      <AlertTitle>On</AlertTitle>
      <AlertDescription>{children}</AlertDescription>
    </Alert>
  ) : (
    <Alert>
      <AlertTitle>Off</AlertTitle>
      <AlertDescription>{offMessage}</AlertDescription>
    </Alert>
  );
}

function UrlLine({ label, url }: { label: string; url: string }) {
  return (
    <div className="grid gap-1 text-sm">
      <span className="text-muted-foreground">{label}</span>
      <code className="break-all rounded bg-muted px-2 py-1 text-xs">{url}</code>
    </div>
  );
}

function useStore() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (next: Methods) => queryClient.setQueryData(trpc.payments.methods.get.queryKey(), next);
}

function SwitchOff({ provider, enabled }: { provider: PaymentProviderKey; enabled: boolean }) {
  const trpc = useTRPC();
  const store = useStore();
  const toast = useToast();
  const [open, setOpen] = React.useState(false);
  const switchOff = useMutation(trpc.payments.methods.switchOff.mutationOptions());
  if (!enabled) return null;
  const label = PAYMENT_PROVIDER_LABELS[provider];
  return (
    <>
      <Button type="button" variant="outline" onClick={() => setOpen(true)}>
        Switch off
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Switch ${label} off?`}
        description="Its keys and callback address are removed: customers can no longer pay this way, and payments already made are kept. Switching it on again gives a new callback address to enter at the provider."
        confirmLabel="Switch off"
        destructive
        pending={switchOff.isPending}
        error={switchOff.error ? errorMessage(switchOff.error) : null}
        onConfirm={() =>
          switchOff.mutate(
            { provider },
            {
              onSuccess: (next) => {
                store(next);
                setOpen(false);
                toast({ title: `${label} switched off` });
              },
            },
          )
        }
      />
    </>
  );
}

const secretHint = (set: boolean) =>
  set
    ? "Set. Leave blank to keep it, or enter a new one to replace it."
    : "Not set. Stored encrypted, never shown again.";

/** What differs between the providers' cards; the card's frame, status, errors and buttons are the same. */
interface ProviderCardProps {
  provider: PaymentProviderKey;
  icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  title: string;
  blurb: React.ReactNode;
  enabled: boolean;
  offMessage: string | null;
  /** What "on" means for this provider. */
  onText: React.ReactNode;
  /** The addresses to enter at the provider, shown once it is on. */
  addresses?: React.ReactNode;
  switchOnLabel: string;
  formError: string | null | undefined;
  pending: boolean;
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  /** The provider's fields. */
  children: React.ReactNode;
}

function ProviderCard(p: ProviderCardProps) {
  const Icon = p.icon;
  return (
    <form noValidate onSubmit={p.onSubmit}>
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <Icon aria-hidden className="size-5" /> {p.title}
          </CardTitle>
          <CardDescription>{p.blurb}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          <StatusAlert on={p.enabled} offMessage={p.offMessage}>
            {p.onText}
          </StatusAlert>
          {p.addresses}
          <FormError message={p.formError} title="The settings were not saved" />
          {p.children}
        </CardContent>
        <CardFooter className="justify-end gap-3 border-t pt-6">
          <SwitchOff provider={p.provider} enabled={p.enabled} />
          <Button type="submit" disabled={p.pending}>
            {p.pending ? <Spinner className="text-current" label="Saving" /> : null}
            {p.enabled ? "Save changes" : p.switchOnLabel}
          </Button>
        </CardFooter>
      </Card>
    </form>
  );
}

function StripeCard({ methods }: { methods: Methods }) {
  const trpc = useTRPC();
  const store = useStore();
  const toast = useToast();
  const stripe = methods.stripe;
  const form = useForm<z.input<typeof saveStripeSettingsSchema>, unknown, z.output<typeof saveStripeSettingsSchema>>({
    resolver: zodResolver(saveStripeSettingsSchema),
    defaultValues: { secretKey: "", webhookSecret: "" },
  });
  const save = useMutation(trpc.payments.methods.saveStripe.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      store(await save.mutateAsync(values));
      toast({ variant: "success", title: "Card payments saved" });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <ProviderCard
      provider="STRIPE"
      icon={CreditCard}
      title="Card payments (Stripe)"
      blurb="Customers pay on Stripe's own page: card numbers never reach this system. Money goes to your Stripe account."
      enabled={stripe.enabled}
      offMessage={stripe.offMessage}
      onText="Customers can pay by card from the portal. Stripe must send its events to the address below."
      addresses={
        stripe.webhookUrl ? (
          <UrlLine
            label="Webhook endpoint (Stripe → Developers → Webhooks; events: checkout.session.*, payment_intent.*, charge.refunded, refund.*, charge.dispute.created, charge.dispute.closed)"
            url={stripe.webhookUrl}
          />
        ) : null
      }
      switchOnLabel="Switch card payments on"
      formError={formErrorOf(form)}
      pending={save.isPending}
      onSubmit={onSubmit}
    >
      <div className="grid items-start gap-6 sm:grid-cols-2">
        <FormField
          label="Secret key"
          error={errors.secretKey?.message}
          required={!stripe.secretKeySet}
          description={secretHint(stripe.secretKeySet)}
        >
          <Input type="password" autoComplete="new-password" {...form.register("secretKey")} />
        </FormField>
        <FormField
          label="Webhook signing secret"
          error={errors.webhookSecret?.message}
          required={!stripe.webhookSecretSet}
          description={secretHint(stripe.webhookSecretSet)}
        >
          <Input type="password" autoComplete="new-password" {...form.register("webhookSecret")} />
        </FormField>
      </div>
    </ProviderCard>
  );
}

function MpesaCard({ methods }: { methods: Methods }) {
  const trpc = useTRPC();
  const store = useStore();
  const toast = useToast();
  const mpesa = methods.mpesa;
  const form = useForm<z.input<typeof saveMpesaSettingsSchema>, unknown, z.output<typeof saveMpesaSettingsSchema>>({
    resolver: zodResolver(saveMpesaSettingsSchema),
    defaultValues: {
      environment: mpesa.environment ?? "SANDBOX",
      shortcode: mpesa.shortcode,
      till: mpesa.till,
      consumerKey: mpesa.consumerKey,
      consumerSecret: "",
      passkey: "",
      initiatorName: mpesa.initiatorName,
      securityCredential: "",
    },
  });
  const save = useMutation(trpc.payments.methods.saveMpesa.mutationOptions());
  const register = useMutation(trpc.payments.methods.registerMpesaUrls.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      store(await save.mutateAsync(values));
      toast({ variant: "success", title: "M-Pesa saved" });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <ProviderCard
      provider="MPESA"
      icon={Smartphone}
      title="M-Pesa (Safaricom Daraja)"
      blurb="Customers pay from the portal (a prompt on their phone), or from their phone to your paybill with their account number as the account. Each payment is confirmed with Safaricom before it is credited."
      enabled={mpesa.enabled}
      offMessage={mpesa.offMessage}
      onText={
        mpesa.confirmsPaybill
          ? "Portal payments and paybill payments are credited once Safaricom confirms them."
          : "Portal payments work. Paybill payments are recorded but not credited until you enter the initiator name and security credential, which confirm them with Safaricom."
      }
      addresses={
        mpesa.callbackUrls ? (
          <div className="grid gap-3">
            <UrlLine label="Paybill confirmation URL" url={mpesa.callbackUrls.confirmation} />
            <UrlLine label="Paybill validation URL" url={mpesa.callbackUrls.validation} />
            <div>
              <Button
                type="button"
                variant="outline"
                disabled={register.isPending}
                onClick={() =>
                  register.mutate(undefined, {
                    onSuccess: () => toast({ variant: "success", title: "Safaricom now posts paybill payments here" }),
                  })
                }
              >
                {register.isPending ? <Spinner className="text-current" label="Registering" /> : null}
                Register these URLs with Safaricom
              </Button>
              {register.error ? (
                <p role="alert" className="mt-2 text-sm text-destructive">
                  {errorMessage(register.error)}
                </p>
              ) : null}
            </div>
          </div>
        ) : null
      }
      switchOnLabel="Switch M-Pesa on"
      formError={formErrorOf(form)}
      pending={save.isPending}
      onSubmit={onSubmit}
    >
      <div className="grid items-start gap-6 sm:grid-cols-3">
        <FormField label="Environment" error={errors.environment?.message} required>
          <NativeSelect {...form.register("environment")}>
            {MPESA_ENVIRONMENTS.map((e) => (
              <option key={e} value={e}>
                {MPESA_ENVIRONMENT_LABELS[e]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Paybill or store number"
          error={errors.shortcode?.message}
          required
          description="The business short code."
        >
          <Input inputMode="numeric" autoComplete="off" {...form.register("shortcode")} />
        </FormField>
        <FormField label="Till number" error={errors.till?.message} description="Only for a Buy Goods till.">
          <Input inputMode="numeric" autoComplete="off" {...form.register("till")} />
        </FormField>
      </div>
      <div className="grid items-start gap-6 sm:grid-cols-3">
        <FormField label="Consumer key" error={errors.consumerKey?.message} required>
          <Input autoComplete="off" spellCheck={false} {...form.register("consumerKey")} />
        </FormField>
        <FormField
          label="Consumer secret"
          error={errors.consumerSecret?.message}
          required={!mpesa.consumerSecretSet}
          description={secretHint(mpesa.consumerSecretSet)}
        >
          <Input type="password" autoComplete="new-password" {...form.register("consumerSecret")} />
        </FormField>
        <FormField
          label="Lipa na M-Pesa Online passkey"
          error={errors.passkey?.message}
          required={!mpesa.passkeySet}
          description={secretHint(mpesa.passkeySet)}
        >
          <Input type="password" autoComplete="new-password" {...form.register("passkey")} />
        </FormField>
      </div>
      <div className="grid items-start gap-6 sm:grid-cols-2">
        <FormField
          label="Initiator name"
          error={errors.initiatorName?.message}
          description="The API user that asks Safaricom to confirm paybill payments."
        >
          <Input autoComplete="off" {...form.register("initiatorName")} />
        </FormField>
        <FormField
          label="Security credential"
          error={errors.securityCredential?.message}
          description={
            mpesa.securityCredentialSet
              ? secretHint(true)
              : "The initiator password encrypted with Safaricom's certificate (the Daraja portal generates it)."
          }
        >
          <Input type="password" autoComplete="new-password" {...form.register("securityCredential")} />
        </FormField>
      </div>
    </ProviderCard>
  );
}
