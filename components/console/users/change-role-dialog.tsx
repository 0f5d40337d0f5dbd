"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { errorMessage, FormError } from "../errors";
import type { Role, RoleOption, UserRow } from "../types";
import { FormDialogFooter } from "../form-dialog";

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
  const [role, setRole] = React.useState<Role | "">("");
  const [error, setError] = React.useState<string | null>(null);
  const [forUser, setForUser] = React.useState<string | null>(null);
  if ((user?.id ?? null) !== forUser) {
    setForUser(user?.id ?? null);
    setRole(user?.role ?? "");
    setError(null);
  }

  const change = useMutation(
    trpc.users.changeRole.mutationOptions({
      onSuccess: async (updated) => {
        toast({
          variant: "success",
          title: `${updated.name} is now ${roles.find((r) => r.value === updated.role)?.label ?? updated.role}`,
        });
        onOpenChange(false);
        await queryClient.invalidateQueries(trpc.users.list.pathFilter());
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
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
        <form
          noValidate
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (!user || !role) return;
            setError(null);
            change.mutate({ userId: user.id, role });
          }}
        >
          <FormField
            label="Role"
            description={
              selected?.value === "CUSTOMER"
                ? "Customers can only use the customer portal."
                : selected?.twoFactor
                  ? `${selected.label}s must use two-factor authentication.`
                  : undefined
            }
          >
            <NativeSelect value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormError message={error} />
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
