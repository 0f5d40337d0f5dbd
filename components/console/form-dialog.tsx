"use client";

import * as React from "react";
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
import { Spinner } from "@/components/ui/spinner";
import { FormError } from "./errors";

export type FormDialogFooterProps = {
  /** The save is running: the submit button shows a spinner and is off. */
  pending: boolean;
  /** The submit button's text. */
  submitLabel: React.ReactNode;
  /** Its text while pending, when it should change (e.g. "Saving…"). */
  pendingText?: React.ReactNode;
  /** What the spinner says to screen readers. */
  spinnerLabel?: string;
  /** Turns the submit button off for another reason (nothing changed, files still uploading…). */
  submitDisabled?: boolean;
  /** Cancel stays usable while the save runs (by default it is off, like the submit button). */
  cancelWhilePending?: boolean;
  /** The submit button destroys something (an erasure): shown in the destructive colour. */
  destructive?: boolean;
};

/** Cancel (closes the dialog) and the form's submit button, with a spinner while it saves. */
export function FormDialogFooter({
  pending,
  submitLabel,
  pendingText,
  spinnerLabel = "Saving",
  submitDisabled,
  cancelWhilePending,
  destructive,
}: FormDialogFooterProps) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button type="button" variant="outline" disabled={cancelWhilePending ? undefined : pending}>
          Cancel
        </Button>
      </DialogClose>
      <Button type="submit" variant={destructive ? "destructive" : undefined} disabled={pending || submitDisabled}>
        {pending ? <Spinner className="text-current" label={spinnerLabel} /> : null}
        {pending && pendingText !== undefined ? pendingText : submitLabel}
      </Button>
    </DialogFooter>
  );
}

export type FormDialogProps = FormDialogFooterProps & {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Classes of the dialog's content box (its width). */
  className?: string;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => unknown;
  /** The form-level error, shown above the fields. */
  formError: string | null | undefined;
  children: React.ReactNode;
};

/** A dialog holding one form: title and description, the form's error, its fields, Cancel and submit. */
export function FormDialog({
  open,
  onOpenChange,
  title,
  description,
  className,
  onSubmit,
  formError,
  children,
  ...footer
}: FormDialogProps) {
  // While the save runs, Escape and a click outside leave the dialog open, as the disabled Cancel
  // does: closing it would hide the save's outcome (a server error on a field, say).
  const locked = footer.pending && !footer.cancelWhilePending;
  return (
    <Dialog open={open} onOpenChange={(o) => (locked ? undefined : onOpenChange(o))}>
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description ? <DialogDescription>{description}</DialogDescription> : null}
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formError} />
          {children}
          <FormDialogFooter {...footer} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
