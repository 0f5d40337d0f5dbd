"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { changeRoleSchema } from "@/server/modules/users/schema";
import { checkWith } from "../check-with";
import { formErrorOf } from "../errors";
import type { Role, RoleOption, UserRow } from "../types";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";

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
  const form = useDialogForm<{ role: Role | "" }>(user?.id, () => ({ role: user?.role ?? "" }), {
    resolver: checkWith(changeRoleSchema, () => ({ userId: user?.id })),
  });
  const role = form.watch("role");
  const change = useMutation(trpc.users.changeRole.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    // The dialog is open on a user, and the schema has refused an empty role.
    save: (values) => change.mutateAsync({ userId: user!.id, role: values.role as Role }),
    refresh: trpc.users.list.pathFilter(),
    saved: (_values, updated) =>
      `${updated.name} is now ${roles.find((r) => r.value === updated.role)?.label ?? updated.role}`,
    done: () => onOpenChange(false),
  });
  // Between staff roles only: a customer's portal sign-in belongs to their customer record (the
  // Users list offers no role change for it), and no staff account can become one.
  const staffRoles = roles.filter((r) => r.value !== "CUSTOMER");
  const selected = staffRoles.find((r) => r.value === role);
  const unchanged = !!user && role === user.role;

  return (
    <FormDialog
      open={!!user}
      onOpenChange={onOpenChange}
      title="Change role"
      description={
        user ? (
          <>
            Choose what <span className="font-medium text-foreground">{user.name}</span> ({user.email}) can do.
            {isSelf ? " This is your own account." : ""}
          </>
        ) : null
      }
      className="sm:max-w-md"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={change.isPending}
      submitLabel="Change role"
      pendingText="Saving…"
      submitDisabled={unchanged}
    >
      <FormField
        label="Role"
        error={form.formState.errors.role?.message}
        description={selected?.twoFactor ? `${selected.label}s must use two-factor authentication.` : undefined}
      >
        <NativeSelect {...form.register("role")}>
          {staffRoles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}
