"use client";

import Link from "next/link";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { CircleAlert } from "lucide-react";
import { fieldErrors } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

// Turning tRPC failures into words a person can act on.

export function errorCode(err: unknown): string | undefined {
  return (err as { data?: { code?: string } } | null)?.data?.code;
}

export function errorMessage(err: unknown, fallback = "Something went wrong. Please try again."): string {
  if (!err) return fallback;
  const code = errorCode(err);
  const message = (err as { message?: string }).message;
  if (!code && message && /fetch|network/i.test(message))
    return "Could not reach the server. Check your connection and try again.";
  return message || fallback;
}

/**
 * Puts the server's errors on the form: per-field errors on their fields (focusing the first),
 * anything else as the form's own error (read with `formErrorOf`). react-hook-form clears both on
 * the next submit and on `reset`, so a dialog that opens again starts clean. `fieldNames` names
 * the form's field for a server field it calls otherwise (the server's `snmp.user` is `v3User`).
 */
export function applyServerErrors<T extends FieldValues, C, O>(
  form: UseFormReturn<T, C, O>,
  err: unknown,
  fieldNames: Partial<Record<string, Path<T>>> = {},
): void {
  const fields = fieldErrors(err);
  const known = Object.keys(form.getValues());
  let applied = 0;
  for (const [serverName, message] of Object.entries(fields)) {
    const name = fieldNames[serverName] ?? serverName;
    if (!known.includes(name)) continue;
    form.setError(name as Path<T>, { type: "server", message }, { shouldFocus: applied === 0 });
    applied++;
  }
  if (applied === 0) setFormError(form, errorMessage(err));
}

/** Shows `message` above the form (as its root error) until the next submit or reset. */
export function setFormError<T extends FieldValues, C, O>(form: UseFormReturn<T, C, O>, message: string): void {
  form.setError("root.server", { type: "server", message });
}

/** The form-level error set by `applyServerErrors` or `setFormError`, if any. */
export function formErrorOf<T extends FieldValues, C, O>(form: UseFormReturn<T, C, O>): string | undefined {
  return form.formState.errors.root?.server?.message;
}

/** A failed query: what went wrong, and a way forward. */
export function QueryError({
  error,
  onRetry,
  title = "Could not load this",
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const code = errorCode(error);
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {code === "UNAUTHORIZED" ? (
            <Button asChild size="sm" variant="outline">
              <Link href="/login">Sign in again</Link>
            </Button>
          ) : onRetry ? (
            <Button size="sm" variant="outline" onClick={onRetry}>
              Try again
            </Button>
          ) : null}
        </div>
      </AlertDescription>
    </Alert>
  );
}

/** The form-level error (or nothing). */
export function FormError({ message, title }: { message: string | null | undefined; title?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden />
      {title ? <AlertTitle>{title}</AlertTitle> : null}
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
