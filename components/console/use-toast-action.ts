"use client";

import * as React from "react";
import { type InvalidateQueryFilters, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "./errors";

/**
 * What a done action says: a toast's title, or a title and a line under it (in the plain colour,
 * variant "default", when it did nothing: "Nothing to invoice"). Nothing (no return) when the
 * page shows the outcome by itself (a removed reading, a category moved up).
 */
export type Done = string | { title: string; description?: React.ReactNode; variant?: "default" } | void;

export type ToastAction = {
  /**
   * Runs `work`. A refusal's toast says the server's reason; with `failed` ("Could not archive the
   * package") that is the title and the reason goes under it.
   */
  (work: () => Promise<Done>, failed?: string): Promise<void>;
  /**
   * An action is running, the refresh of its lists included: its button stays off (and says
   * "Trying…") until the page shows the outcome, so a second tap does not repeat it.
   */
  pending: boolean;
};

/**
 * A button's action that has no form (pause, remove, run now): do it, refresh the lists it
 * changes, and say what was done in a toast; or say in a toast, in words, why it was refused.
 * A form's submit is useSaveSubmit (use-dialog-form.ts), which puts errors on the fields.
 */
export function useToastAction(refresh: InvalidateQueryFilters | InvalidateQueryFilters[]): ToastAction {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [running, setRunning] = React.useState(0);
  const act = async (work: () => Promise<Done>, failed?: string): Promise<void> => {
    setRunning((n) => n + 1);
    try {
      const done = await work();
      await Promise.all([refresh].flat().map((filters) => queryClient.invalidateQueries(filters)));
      if (done) toast({ variant: "success", ...(typeof done === "string" ? { title: done } : done) });
    } catch (err) {
      toast({
        variant: "destructive",
        ...(failed ? { title: failed, description: errorMessage(err) } : { title: errorMessage(err) }),
      });
    } finally {
      setRunning((n) => n - 1);
    }
  };
  return Object.assign(act, { pending: running > 0 });
}
