"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { PackagePlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/console/types";
import { BarcodeScanner } from "../field/barcode-scanner";
import { errorMessage, FormError } from "../errors";

// "Found something the sheet did not list?" under an open count: a unit by its serial (typed or
// scanned; the server finds its item, and posting brings it onto this place's books from wherever
// they had it), or a consumable with how many were found. A serial the inventory has never seen
// is refused with what to do instead (server/modules/inventory/counts.ts, addFound).

type CountView = RouterOutputs["inventory"]["counts"]["get"];

export function CountFound({
  count,
  onAdded,
}: {
  count: CountView;
  /** The count after the addition, and the serial when a unit was added. */
  onAdded: (count: CountView, serial?: string) => void | Promise<void>;
}) {
  const trpc = useTRPC();
  const add = useMutation(trpc.inventory.counts.addFound.mutationOptions());
  const bulk = useQuery(trpc.inventory.items.list.queryOptions({ pageSize: 100, tracking: "BULK" }));
  const [serial, setSerial] = React.useState("");
  const [itemId, setItemId] = React.useState("");
  const [quantity, setQuantity] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [added, setAdded] = React.useState<string | null>(null);
  const onSheet = new Set(count.lines.map((l) => l.item.id));
  const choices = (bulk.data?.rows ?? []).filter((i) => !onSheet.has(i.id));

  async function submit(input: { serial: string } | { itemId: string; quantity: number }, what: string) {
    setError(null);
    setAdded(null);
    try {
      const next = await add.mutateAsync({ countId: count.id, ...input });
      await onAdded(next, "serial" in input ? input.serial.trim().toUpperCase() : undefined);
      setAdded(`${what} added to the count. Posting brings it onto this place's books.`);
      setSerial("");
      setItemId("");
      setQuantity("");
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <Card className="mt-4 grid gap-4 p-4">
      <div>
        <h2 className="font-medium">Found something the sheet did not list?</h2>
        <p className="text-sm text-muted-foreground">
          Add a unit by its serial, wherever the books have it now, or a consumable with how many you found.
        </p>
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (serial.trim()) void submit({ serial: serial.trim() }, `Unit ${serial.trim().toUpperCase()}`);
        }}
      >
        <FormField label="Serial of a unit found here" className="min-w-56 flex-1">
          <Input
            className="font-mono"
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
            placeholder="e.g. 48575443A1B2C3D4"
          />
        </FormField>
        <BarcodeScanner label="Scan its label" onScan={(s) => setSerial(s)} />
        <Button type="submit" variant="outline" disabled={add.isPending || !serial.trim()}>
          <PackagePlus aria-hidden />
          Add the unit
        </Button>
      </form>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const item = choices.find((i) => i.id === itemId);
          if (item) void submit({ itemId, quantity: Number(quantity) }, `${quantity} ${item.unit} of ${item.name}`);
        }}
      >
        <FormField label="Consumable found here" className="min-w-56 flex-1">
          <NativeSelect value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">{choices.length ? "Choose the item" : "Every consumable is on the sheet"}</option>
            {choices.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({i.sku})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="How many" className="w-28">
          <Input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </FormField>
        <Button type="submit" variant="outline" disabled={add.isPending || !itemId || quantity.trim() === ""}>
          <PackagePlus aria-hidden />
          Add the consumable
        </Button>
      </form>
      <FormError message={error} />
      {added ? (
        <p role="status" className="text-sm text-muted-foreground">
          {added}
        </p>
      ) : null}
    </Card>
  );
}
