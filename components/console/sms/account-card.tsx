"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { CREDENTIAL_LABELS, PROVIDER_LABELS, saveSmsSettingsSchema, SMS_PROVIDERS } from "@/server/modules/sms/schema";
import { applyServerErrors, errorMessage, FormError, formErrorOf } from "../errors";
import { ConfirmDialog } from "../confirm-dialog";
import type { SmsSettings } from "./types";

type FormIn = z.input<typeof saveSmsSettingsSchema>;
type FormOut = z.output<typeof saveSmsSettingsSchema>;

/** The company's provider account. The key is write-only: the form says whether one is set. */
export function AccountCard({ settings }: { settings: SmsSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [saved, setSaved] = React.useState(false);
  const [confirmOff, setConfirmOff] = React.useState(false);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(saveSmsSettingsSchema),
    defaultValues: {
      provider: settings.provider ?? "AFRICAS_TALKING",
      account: settings.account,
      secret: "",
      senderId: settings.senderId,
    },
  });
  const save = useMutation(trpc.sms.settings.save.mutationOptions());
  const switchOff = useMutation(trpc.sms.settings.switchOff.mutationOptions());
  const { errors, isDirty } = form.formState;
  const provider = form.watch("provider") ?? "AFRICAS_TALKING";
  const labels = CREDENTIAL_LABELS[provider];
  const keepsKey = settings.secretSet && settings.provider === provider && settings.account === form.watch("account");

  const store = (next: SmsSettings) => {
    queryClient.setQueryData(trpc.sms.settings.get.queryKey(), next);
    void queryClient.invalidateQueries({ queryKey: trpc.sms.log.status.queryKey() });
    form.reset({
      provider: next.provider ?? "AFRICAS_TALKING",
      account: next.account,
      secret: "",
      senderId: next.senderId,
    });
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setSaved(false);
    try {
      store(await save.mutateAsync(values));
      setSaved(true);
      toast({ variant: "success", title: "SMS settings saved" });
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <>
      <form noValidate onSubmit={onSubmit}>
        <Card>
          <CardHeader>
            <CardTitle>Provider account</CardTitle>
            <CardDescription>
              Your own account with the SMS provider: messages are sent and billed through it, from your sender ID.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <FormError message={formErrorOf(form)} title="The settings were not saved" />
            <FormField label="Provider" error={errors.provider?.message} required>
              <NativeSelect {...form.register("provider")}>
                {SMS_PROVIDERS.map((p) => (
                  <option key={p} value={p}>
                    {PROVIDER_LABELS[p]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <div className="grid items-start gap-6 sm:grid-cols-2">
              <FormField
                label={labels.account}
                error={errors.account?.message}
                required
                description={
                  provider === "AFRICAS_TALKING"
                    ? "Your app's username; “sandbox” sends to Africa's Talking's simulator only."
                    : "Starts with AC, on your Twilio console's dashboard."
                }
              >
                <Input autoComplete="off" spellCheck={false} {...form.register("account")} />
              </FormField>
              <FormField
                label={labels.secret}
                error={errors.secret?.message}
                required={!keepsKey}
                description={
                  keepsKey
                    ? "Set. Leave blank to keep it, or enter a new one to replace it."
                    : "Not set. It is stored encrypted and never shown again."
                }
              >
                <Input
                  type="password"
                  autoComplete="new-password"
                  placeholder={keepsKey ? "•••••••• (set)" : ""}
                  {...form.register("secret")}
                />
              </FormField>
            </div>
            <FormField
              label={labels.sender}
              error={errors.senderId?.message}
              required
              description="What the customer's phone shows as the sender. Alphanumeric sender IDs must be approved by the provider first."
            >
              <Input autoComplete="off" maxLength={20} {...form.register("senderId")} />
            </FormField>
          </CardContent>
          <CardFooter className="flex-col items-stretch gap-3 border-t pt-6 sm:flex-row sm:items-center sm:justify-end">
            {saved && !isDirty ? (
              <p role="status" className="flex items-center gap-1.5 text-sm text-success sm:mr-auto">
                <CircleCheck aria-hidden className="size-4" />
                Saved
              </p>
            ) : null}
            {settings.enabled ? (
              <Button type="button" variant="outline" onClick={() => setConfirmOff(true)} disabled={save.isPending}>
                Switch SMS off
              </Button>
            ) : null}
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Spinner className="text-current" label="Saving" /> : null}
              {save.isPending ? "Saving…" : settings.enabled ? "Save changes" : "Switch SMS on"}
            </Button>
          </CardFooter>
        </Card>
      </form>
      <ConfirmDialog
        open={confirmOff}
        onOpenChange={setConfirmOff}
        title="Switch SMS off?"
        description="The account and its key are removed. Nothing is sent by SMS until someone enters them again; the SMS log is kept."
        confirmLabel="Switch off"
        destructive
        pending={switchOff.isPending}
        error={switchOff.error ? errorMessage(switchOff.error) : null}
        onConfirm={() =>
          switchOff.mutate(undefined, {
            onSuccess: (next) => {
              store(next);
              setConfirmOff(false);
              toast({ title: "SMS switched off" });
            },
          })
        }
      />
    </>
  );
}
