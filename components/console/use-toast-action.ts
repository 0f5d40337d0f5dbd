"use client";

import type * as React from "react";
import { type InvalidateQueryFilters, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "./errors";

/** What a done action says: a toast's title, or a title and a line under it. */
export type Done = string | { title: string; description?: React.ReactNode };

/**
 * A button's action that has no form (pause, remove, run now): do it, refresh the lists it
 * changes, and say what was done in a toast; or say in a toast, in words, why it was refused.
 * A form's submit is useSaveSubmit (use-dialog-form.ts), which puts errors on the fields.
 */
export function useToastAction(refresh: InvalidateQueryFilters | InvalidateQueryFilters[]) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return async (work: () => Promise<Done>): Promise<void> => {
    try {
      const done = await work();
      await Promise.all([refresh].flat().map((filters) => queryClient.invalidateQueries(filters)));
      toast({ variant: "success", ...(typeof done === "string" ? { title: done } : done) });
    } catch (err) {
      toast({ variant: "destructive", title: errorMessage(err) });
    }
  };
}
