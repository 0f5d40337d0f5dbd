"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Undo2, Wrench } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, FormError } from "../errors";
import { formatDateTime } from "../format";

// A unit's RMAs (faulty units back to the supplier): the list, sending it, and its outcome.

type Outcome = "REPAIRED_RETURNED" | "REPLACED" | "REFUSED";

export function RmaPanel({
  unit,
  canManage,
  timeZone,
}: {
  unit: { id: string; serial: string; status: string };
  canManage: boolean;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const rmas = useQuery(trpc.inventory.rmas.list.queryOptions({ assetId: unit.id }));
  // A unit comes back onto a shelf or into a van: the virtual places would only be refused.
  const locations = useQuery(
    trpc.inventory.locations.list.queryOptions({ includeVirtual: false }, { enabled: canManage }),
  );
  const send = useMutation(trpc.inventory.rmas.send.mutationOptions());
  const close = useMutation(trpc.inventory.rmas.close.mutationOptions());
  const [rmaNumber, setRmaNumber] = React.useState("");
  const [fault, setFault] = React.useState("");
  const [outcome, setOutcome] = React.useState<Outcome>("REPAIRED_RETURNED");
  const [toLocationId, setTo] = React.useState("");
  const [replacementSerial, setReplacement] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.inventory.pathFilter());
  const open = rmas.data?.rows.find((r) => r.status === "SENT" && r.asset.id === unit.id);

  async function run(action: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await action();
      toast({ variant: "success", title: done });
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <div className="grid gap-2">
      <h3 className="text-sm font-semibold">Returns to the supplier (RMA)</h3>
      {rmas.data?.rows.length ? (
        <ul aria-label="RMAs" className="grid gap-1 text-sm">
          {rmas.data.rows.map((r) => (
            <li key={r.id}>
              <span className="font-mono">{r.rmaNumber}</span> · {r.supplier.name} · {r.statusLabel} · sent{" "}
              {formatDateTime(r.sentAt, timeZone)} · {r.fault}
              {r.replacement ? ` · replaced by ${r.replacement.serial}` : ""}
              {r.asset.id !== unit.id ? ` · replacement for ${r.asset.serial}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">None.</p>
      )}
      {canManage && !open && (unit.status === "FAULTY" || unit.status === "IN_STOCK") ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(
              () => send.mutateAsync({ serial: unit.serial, rmaNumber, fault }),
              `${unit.serial} sent to the supplier`,
            );
          }}
        >
          <Input
            aria-label="RMA number"
            placeholder="Supplier's RMA number"
            className="w-48"
            value={rmaNumber}
            onChange={(e) => setRmaNumber(e.target.value)}
          />
          <Input
            aria-label="Fault"
            placeholder="Fault, e.g. no optical power"
            className="w-64"
            value={fault}
            onChange={(e) => setFault(e.target.value)}
          />
          <Button type="submit" variant="outline" size="sm" disabled={send.isPending}>
            <Wrench aria-hidden />
            Send for repair
          </Button>
        </form>
      ) : null}
      {canManage && open ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const to = toLocationId || undefined;
            void run(
              () =>
                close.mutateAsync(
                  outcome === "REFUSED"
                    ? { rmaId: open.id, outcome, toLocationId: to }
                    : outcome === "REPLACED"
                      ? { rmaId: open.id, outcome, toLocationId: toLocationId, replacementSerial }
                      : { rmaId: open.id, outcome, toLocationId: toLocationId },
                ),
              `RMA ${open.rmaNumber} closed`,
            );
          }}
        >
          <NativeSelect aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            <option value="REPAIRED_RETURNED">Repaired and returned</option>
            <option value="REPLACED">Replaced with a new unit</option>
            <option value="REFUSED">Refused by the supplier</option>
          </NativeSelect>
          <NativeSelect aria-label="Back into" value={toLocationId} onChange={(e) => setTo(e.target.value)}>
            <option value="">{outcome === "REFUSED" ? "Retire it (do not bring back)" : "Back into…"}</option>
            {locations.data?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </NativeSelect>
          {outcome === "REPLACED" ? (
            <Input
              aria-label="New serial"
              placeholder="New unit's serial"
              className="w-48"
              value={replacementSerial}
              onChange={(e) => setReplacement(e.target.value)}
            />
          ) : null}
          <Button type="submit" variant="outline" size="sm" disabled={close.isPending}>
            <Undo2 aria-hidden />
            Record the outcome
          </Button>
        </form>
      ) : null}
      <FormError message={error} />
    </div>
  );
}
