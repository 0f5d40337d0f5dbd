"use client";

import * as React from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { FormError, formErrorOf } from "../errors";
import { useSaveSubmit } from "../use-dialog-form";
import { inviteFormSchema } from "../schemas";
import type { RoleOption } from "../types";

type FormIn = z.input<typeof inviteFormSchema>;
type FormOut = z.output<typeof inviteFormSchema>;

export function InviteDialog({ roles, canReadOutbox }: { roles: RoleOption[]; canReadOutbox: boolean }) {
  const [open, setOpen] = React.useState(false);
  const trpc = useTRPC();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(inviteFormSchema),
    defaultValues: { name: "", email: "", role: undefined },
  });
  const invite = useMutation(trpc.users.invite.mutationOptions());
  const selectedRole = roles.find((r) => r.value === form.watch("role"));
  const { errors } = form.formState;

  const onSubmit = useSaveSubmit(form, {
    save: (values) => invite.mutateAsync(values),
    refresh: trpc.users.invitations.pathFilter(),
    saved: (_values, result) => ({
      title: `Invitation sent to ${result.email}`,
      description: canReadOutbox ? (
        <>
          They have 7 days to accept it. You can see the e-mail in the{" "}
          <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/outbox">
            Outbox
          </Link>
          .
        </>
      ) : (
        "They have 7 days to accept it."
      ),
    }),
    done: () => {
      form.reset();
      setOpen(false);
    },
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          form.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden />
          Invite staff
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite someone</DialogTitle>
          <DialogDescription>We will e-mail them a link to choose a password and join your company.</DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField label="Name" error={errors.name?.message} required>
            <Input autoComplete="off" placeholder="Jane Wanjiru" {...form.register("name")} />
          </FormField>
          <FormField label="E-mail" error={errors.email?.message} required>
            <Input type="email" autoComplete="off" placeholder="jane@example.com" {...form.register("email")} />
          </FormField>
          <FormField
            label="Role"
            error={errors.role?.message}
            required
            description={
              selectedRole?.value === "CUSTOMER"
                ? "Customers use the customer portal, not the console. Use the e-mail on their customer record: the sign-in opens that customer's account."
                : selectedRole?.twoFactor
                  ? `${selectedRole.label}s must set up two-factor authentication when they first sign in.`
                  : "You can change the role later."
            }
          >
            <NativeSelect {...form.register("role")}>
              <option value="" disabled>
                Choose a role
              </option>
              <optgroup label="Staff">
                {roles
                  .filter((r) => r.value !== "CUSTOMER")
                  .map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
              </optgroup>
              <optgroup label="Customer portal">
                {roles
                  .filter((r) => r.value === "CUSTOMER")
                  .map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
              </optgroup>
            </NativeSelect>
          </FormField>
          <DialogFooter className="pt-2">
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={invite.isPending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={invite.isPending}>
              {invite.isPending ? <Spinner className="text-current" label="Sending" /> : null}
              {invite.isPending ? "Sending…" : "Send invitation"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
