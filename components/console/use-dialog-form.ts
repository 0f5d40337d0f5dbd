"use client";

import * as React from "react";
import { useForm, type DefaultValues, type FieldValues, type UseFormProps, type UseFormReturn } from "react-hook-form";

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
