"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
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
} from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { createShiftSchema, updateShiftSchema } from "@/server/modules/shifts/schema";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import type { PlannedShift } from "./types";
import { checkWith } from "../check-with";
import { useSaveSubmit } from "../use-dialog-form";

/** What the dialog opens with: an existing shift to edit, or a person and day for a new one. */
export type ShiftDraft = { shift?: PlannedShift; userId: string; date: string };

type Values = { userId: string; start: string; end: string; onCall: boolean; note: string };

function valuesOf(d: ShiftDraft | null): Values {
  if (d?.shift)
    return {
      userId: d.shift.userId,
      start: d.shift.start,
      end: d.shift.end,
      onCall: d.shift.onCall,
      note: d.shift.note ?? "",
    };
  const date = d?.date ?? "";
  return {
    userId: d?.userId ?? "",
    start: date ? `${date}T08:00` : "",
    end: date ? `${date}T17:00` : "",
    onCall: false,
    note: "",
  };
}

/** New shift or edit one. Times are wall-clock times in the company's zone. */
export function ShiftFormDialog({ draft, onClose }: { draft: ShiftDraft | null; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const editing = draft?.shift ?? null;
  const form = useForm<Values>({
    resolver: checkWith(editing ? updateShiftSchema : createShiftSchema, () => (editing ? { id: editing.id } : {})),
    defaultValues: valuesOf(draft),
  });
  React.useEffect(() => {
    if (draft) {
      form.reset(valuesOf(draft));
    }
  }, [draft, form]);
  const people = useQuery({ ...trpc.staff.options.queryOptions(), enabled: !!draft });
  const create = useMutation(trpc.shifts.create.mutationOptions());
  const update = useMutation(trpc.shifts.update.mutationOptions());
  const remove = useMutation(trpc.shifts.delete.mutationOptions());
  const pending = create.isPending || update.isPending || remove.isPending;
  const { errors } = form.formState;

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.shifts.pathFilter()),
      queryClient.invalidateQueries(trpc.staff.pathFilter()),
    ]);
  const onSubmit = useSaveSubmit(form, {
    save: async (values) => {
      const input = { ...values, note: values.note || null };
      if (editing) await update.mutateAsync({ id: editing.id, ...input });
      else await create.mutateAsync(input);
    },
    refresh: [trpc.shifts.pathFilter(), trpc.staff.pathFilter()],
    saved: () => (editing ? "Shift saved" : "Shift added"),
    done: onClose,
  });

  return (
    <Dialog open={!!draft} onOpenChange={(o) => (o || pending ? undefined : onClose())}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>{editing ? `Edit ${editing.name}'s shift` : "New shift"}</DialogTitle>
          <DialogDescription>
            A person works one shift at a time: a shift that overlaps another of theirs is refused. A night shift may
            end the next morning.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField label="Person" error={errors.userId?.message} required>
            <NativeSelect {...form.register("userId")} disabled={people.isPending}>
              <option value="">Choose who works…</option>
              {(people.data ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} · {ROLE_LABELS[u.role]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <FormField label="Starts" error={errors.start?.message} required>
              <Input type="datetime-local" step={900} {...form.register("start")} />
            </FormField>
            <FormField label="Ends" error={errors.end?.message} required>
              <Input type="datetime-local" step={900} {...form.register("end")} />
            </FormField>
          </div>
          <label className="flex items-start gap-3 text-sm">
            <input type="checkbox" className="mt-0.5 size-4 accent-primary" {...form.register("onCall")} />
            <span>
              <span className="font-medium">On call</span>
              <span className="block text-muted-foreground">
                Told at once about critical tickets, and preferred for them by routing.
              </span>
            </span>
          </label>
          <FormField label="Note" error={errors.note?.message}>
            <Input placeholder="e.g. Kasarani installs" {...form.register("note")} />
          </FormField>
          <DialogFooter className="sm:justify-between">
            {editing ? (
              <Button
                type="button"
                variant="ghost"
                className="text-destructive hover:text-destructive"
                disabled={pending}
                onClick={async () => {
                  try {
                    await remove.mutateAsync({ id: editing.id });
                    toast({ variant: "success", title: "Shift deleted" });
                    await refresh();
                    onClose();
                  } catch (err) {
                    setFormError(form, errorMessage(err));
                  }
                }}
              >
                <Trash2 aria-hidden />
                Delete shift
              </Button>
            ) : (
              <span />
            )}
            <div className="flex flex-col-reverse gap-2 sm:flex-row">
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={pending}>
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>
                {create.isPending || update.isPending ? <Spinner className="text-current" label="Saving" /> : null}
                {editing ? "Save shift" : "Add shift"}
              </Button>
            </div>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
