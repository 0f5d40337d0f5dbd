"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { changeRoleSchema } from "@/server/modules/users/schema";
import { checkWith } from "../check-with";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import type { Role, RoleOption, UserRow } from "../types";
import { FormDialogFooter } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

export function ChangeRoleDialog({
  user,
  isSelf,
  roles,
  onOpenChange,
}: {
  user: UserRow | null;
  isSelf: boolean;
  roles: RoleOption[];
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useDialogForm<{ role: Role | "" }>(user?.id, () => ({ role: user?.role ?? "" }), {
    resolver: checkWith(changeRoleSchema, () => ({ userId: user?.id })),
  });
  const role = form.watch("role");
  const change = useMutation(trpc.users.changeRole.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    if (!user || !values.role) return;
    try {
      const updated = await change.mutateAsync({ userId: user.id, role: values.role });
      toast({
        variant: "success",
        title: `${updated.name} is now ${roles.find((r) => r.value === updated.role)?.label ?? updated.role}`,
      });
      onOpenChange(false);
      await queryClient.invalidateQueries(trpc.users.list.pathFilter());
    } catch (err) {
      setFormError(form, errorMessage(err));
    }
  });
  const selected = roles.find((r) => r.value === role);
  const unchanged = !!user && role === user.role;

  return (
    <Dialog open={!!user} onOpenChange={(o) => (change.isPending ? undefined : onOpenChange(o))}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Change role</DialogTitle>
          <DialogDescription>
            {user ? (
              <>
                Choose what <span className="font-medium text-foreground">{user.name}</span> ({user.email}) can do.
                {isSelf ? " This is your own account." : ""}
              </>
            ) : null}
          </DialogDescription>
        </DialogHeader>
        <form noValidate className="grid gap-4" onSubmit={onSubmit}>
          <FormField
            label="Role"
            error={form.formState.errors.role?.message}
            description={
              selected?.value === "CUSTOMER"
                ? "Customers can only use the customer portal."
                : selected?.twoFactor
                  ? `${selected.label}s must use two-factor authentication.`
                  : undefined
            }
          >
            <NativeSelect {...form.register("role")}>
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormError message={formErrorOf(form)} />
          <FormDialogFooter
            pending={change.isPending}
            submitLabel="Change role"
            pendingText="Saving…"
            submitDisabled={unchanged}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
