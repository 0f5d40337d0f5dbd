"use client";

import * as React from "react";
import { fieldErrors } from "@/components/trpc/client";
import { errorMessage } from "./errors";

type Check =
  | { success: true }
  | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };

/**
 * The state of a small dialog form kept in plain React state: its values, the errors per field
 * and the form-level error. Each time `openFor` becomes something (the dialog opens, or opens on
 * another row) the form starts again from `initial()`. On submit the values are checked with
 * `check` (the module's zod schema); then `submit` runs, and the server's field errors land on the
 * fields (any other failure above the form).
 */
export function useDialogForm<V extends Record<string, unknown>>({
  openFor,
  initial,
  check,
  submit,
}: {
  openFor: unknown;
  initial: () => V;
  check: (values: V) => Check;
  submit: (values: V) => Promise<unknown>;
}) {
  const [values, setValues] = React.useState(initial);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (openFor) {
      setValues(initial());
      setErrors({});
      setFormError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset once per opening
  }, [openFor]);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = check(values);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    try {
      await submit(values);
    } catch (err) {
      const fields = fieldErrors(err);
      setErrors(fields);
      setFormError(Object.keys(fields).length ? null : errorMessage(err));
    }
  }

  return { values, setValues, errors, formError, onSubmit };
}
