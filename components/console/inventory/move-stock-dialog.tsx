"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "../errors";
import { FormDialog } from "../form-dialog";

export interface MoveFrom {
  locationId: string;
  locationName: string;
  itemId: string;
  itemName: string;
  unit: string;
  tracking: "SERIAL" | "BULK";
  serials: string[];
}

/**
 * Moves stock from one place to another (the store keeper loading a van), or writes it off:
 * equipment by its serials, consumables by quantity. Mounted while open.
 */
export function MoveStockDialog({ from, onClose }: { from: MoveFrom; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const locations = useQuery(trpc.inventory.locations.list.queryOptions({ includeVirtual: false }));
  const [action, setAction] = React.useState<"TRANSFER" | "WRITE_OFF">("TRANSFER");
  const [to, setTo] = React.useState("");
  const [quantity, setQuantity] = React.useState("");
  const [serials, setSerials] = React.useState("");
  const [reason, setReason] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const record = useMutation(
    trpc.inventory.movements.record.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: action === "TRANSFER" ? "Stock moved" : "Stock written off" });
        await queryClient.invalidateQueries(trpc.inventory.pathFilter());
        onClose();
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const serialList = serials
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (
    <FormDialog
      open
      onOpenChange={(o) => (o ? null : onClose())}
      title={`Move ${from.itemName}`}
      description={`From ${from.locationName}.`}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const amount = from.tracking === "SERIAL" ? { serials: serialList } : { quantity: Number(quantity) };
        record.mutate(
          action === "TRANSFER"
            ? { kind: "TRANSFER", itemId: from.itemId, fromLocationId: from.locationId, toLocationId: to, ...amount }
            : { kind: "WRITE_OFF", itemId: from.itemId, fromLocationId: from.locationId, reason, ...amount },
        );
      }}
      formError={error ?? undefined}
      pending={record.isPending}
      submitLabel={action === "TRANSFER" ? "Move" : "Write off"}
      destructive={action === "WRITE_OFF"}
    >
      <FormField label="Action">
        <NativeSelect value={action} onChange={(e) => setAction(e.target.value as "TRANSFER" | "WRITE_OFF")}>
          <option value="TRANSFER">Move to another location</option>
          <option value="WRITE_OFF">Write off (lost, broken)</option>
        </NativeSelect>
      </FormField>
      {action === "TRANSFER" ? (
        <FormField label="To" required>
          <NativeSelect value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">Choose</option>
            {locations.data
              ?.filter((l) => l.id !== from.locationId)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
          </NativeSelect>
        </FormField>
      ) : (
        <FormField label="Reason" required>
          <Input value={reason} onChange={(e) => setReason(e.target.value)} />
        </FormField>
      )}
      {from.tracking === "SERIAL" ? (
        <FormField
          label="Serials"
          required
          description={`One a line or separated by spaces. Here: ${from.serials.slice(0, 6).join(", ")}${from.serials.length > 6 ? "…" : ""}`}
        >
          <Textarea
            rows={3}
            className="font-mono text-sm"
            value={serials}
            onChange={(e) => setSerials(e.target.value)}
          />
        </FormField>
      ) : (
        <FormField label={`Quantity${from.unit === "unit" ? "" : ` (${from.unit})`}`} required>
          <Input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </FormField>
      )}
    </FormDialog>
  );
}
