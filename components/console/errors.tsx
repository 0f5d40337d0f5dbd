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
 * Puts the server's per-field errors on the form's fields (focusing the first). Returns the
 * message to show above the form, or null when the errors are shown on the fields.
 */
export function applyServerErrors<T extends FieldValues>(form: UseFormReturn<T>, err: unknown): string | null {
  const fields = fieldErrors(err);
  const known = Object.keys(form.getValues());
  let applied = 0;
  for (const [name, message] of Object.entries(fields)) {
    if (!known.includes(name)) continue;
    form.setError(name as Path<T>, { type: "server", message }, { shouldFocus: applied === 0 });
    applied++;
  }
  return applied > 0 ? null : errorMessage(err);
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
