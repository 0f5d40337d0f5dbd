"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { applyStateOf } from "@/server/modules/service-requests/schema";
import { errorMessage } from "../errors";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";

// Where an approved request's change stands, under its status badge, and what staff can do when
// it waits or could not be applied. The same rule (applyStateOf) drives the portal's wording.

type Row = RouterOutputs["serviceRequests"]["list"]["rows"][number];

export function ApplyStatus({ row, timeZone }: { row: Row; timeZone: string }) {
  const s = applyStateOf(row);
  if (!s) return null;
  switch (s.state) {
    case "waiting":
      // The effective date is a calendar date (stored at UTC midnight): shown in UTC to keep the day.
      return (
        <div className="mt-1 text-xs whitespace-nowrap text-muted-foreground">
          Takes effect on {formatDate(s.on, "UTC")}
        </div>
      );
    case "applied":
      return (
        <div className="mt-1 text-xs whitespace-nowrap text-muted-foreground">
          Applied on {formatDate(s.at, timeZone)}
        </div>
      );
    case "failed":
      return <div className="mt-1 max-w-64 text-xs text-destructive">Could not apply: {s.error}</div>;
  }
}

/** For an approved change not yet applied: try a failed one again; cancel it if the customer withdrew. */
export function ApplyActions({ row, onCancel }: { row: Row; onCancel: (row: Row) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.serviceRequests.retryApply.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: "Change applied" });
        await queryClient.invalidateQueries(trpc.serviceRequests.list.pathFilter());
        await queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() });
      },
      onError: (e) =>
        toast({ variant: "destructive", title: "Still cannot apply the change", description: errorMessage(e) }),
    }),
  );
  const s = applyStateOf(row);
  if (s?.state !== "waiting" && s?.state !== "failed") return null;
  return (
    <div className="flex justify-end gap-2">
      {s.state === "failed" ? (
        <Button size="sm" variant="outline" disabled={retry.isPending} onClick={() => retry.mutate({ id: row.id })}>
          <RotateCcw aria-hidden />
          {retry.isPending ? "Trying…" : "Try again"}
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" onClick={() => onCancel(row)}>
        Cancel
      </Button>
    </div>
  );
}
