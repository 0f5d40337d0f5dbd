"use client";

import { useMutation } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { applyStateOf } from "@/server/modules/service-requests/schema";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";
import { useToastAction } from "../use-toast-action";

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
  const retry = useMutation(trpc.serviceRequests.retryApply.mutationOptions());
  const act = useToastAction([trpc.serviceRequests.list.pathFilter(), trpc.subscriptions.pathFilter()]);
  const s = applyStateOf(row);
  if (s?.state !== "waiting" && s?.state !== "failed") return null;
  return (
    <div className="flex justify-end gap-2">
      {s.state === "failed" ? (
        <Button
          size="sm"
          variant="outline"
          disabled={act.pending}
          onClick={() =>
            act(async () => {
              await retry.mutateAsync({ id: row.id });
              return "Change applied";
            }, "Still cannot apply the change")
          }
        >
          <RotateCcw aria-hidden />
          {act.pending ? "Trying…" : "Try again"}
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" onClick={() => onCancel(row)}>
        Cancel
      </Button>
    </div>
  );
}
