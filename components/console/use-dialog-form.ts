"use client";

import * as React from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type UseFormProps,
  type UseFormReturn,
} from "react-hook-form";
import { type InvalidateQueryFilters, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { applyServerErrors } from "./errors";

/**
 * A react-hook-form form that lives in a dialog. Each time `openFor` becomes something (the
 * dialog opens, or opens on another row) the form starts again from `values()` with react-hook-form's
 * `reset`, which also clears the errors of the last opening (the server's form-level one too).
 */
export function useDialogForm<TIn extends FieldValues, TOut = TIn>(
  openFor: unknown,
  values: () => TIn,
  options: Omit<UseFormProps<TIn, unknown, TOut>, "defaultValues">,
): UseFormReturn<TIn, unknown, TOut> {
  const form = useForm<TIn, unknown, TOut>({ ...options, defaultValues: values() as DefaultValues<TIn> });
  // The values of this render, read when the dialog opens (not a reason to reset by themselves).
  const restart = React.useEffectEvent(() => form.reset(values()));
  React.useEffect(() => {
    if (openFor) restart();
  }, [openFor]);
  return form;
}

export type SaveSubmit<TIn extends FieldValues, TOut, TResult> = {
  /** Sends the form's values (a create or an update mutation). */
  save: (values: TOut) => Promise<TResult>;
  /** The lists the save changes, refreshed before the dialog closes (a tRPC router's `pathFilter()`, or several). */
  refresh: InvalidateQueryFilters | InvalidateQueryFilters[];
  /** The success toast: its title, e.g. "NBO1 added", or a title and a line under it. */
  saved: (
    values: TOut,
    result: TResult,
  ) => string | { title: string; description?: React.ReactNode; durationMs?: number };
  /** Closes the dialog (and may go to what was created). */
  done: (result: TResult) => void;
  /** The form's field for each server field it calls otherwise (see applyServerErrors). */
  fieldNames?: Partial<Record<string, Path<TIn>>>;
};

/**
 * The submit of a dialog's form: save, refresh the lists, say so and close; or leave the dialog
 * open with the server's errors on the fields (or above them), so nothing typed is lost.
 */
export function useSaveSubmit<TIn extends FieldValues, TOut, TResult>(
  form: UseFormReturn<TIn, unknown, TOut>,
  { save, refresh, saved, done, fieldNames }: SaveSubmit<TIn, TOut, TResult>,
) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return form.handleSubmit(async (values) => {
    try {
      const result = await save(values);
      await Promise.all([refresh].flat().map((filters) => queryClient.invalidateQueries(filters)));
      const said = saved(values, result);
      toast({ variant: "success", ...(typeof said === "string" ? { title: said } : said) });
      done(result);
    } catch (err) {
      applyServerErrors(form, err, fieldNames);
    }
  });
}
