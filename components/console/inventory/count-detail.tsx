"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Save } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/components/trpc/client";
import { BarcodeScanner } from "../field/barcode-scanner";
import { CountFound } from "./count-found";
import { errorMessage, FormError } from "../errors";
import { formatDateTime } from "../format";
import { InventoryHeader } from "./parts";

// One cycle count: expected (the snapshot) beside what was counted, the variance, and posting it.
// Quantities are typed; serials typed one a line or scanned with the camera; what the sheet did
// not list is added below it (count-found.tsx).

const splitSerials = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);

export function CountDetail({ id, canManage, timeZone }: { id: string; canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.inventory.counts.get.queryOptions({ id }));
  const [typed, setTyped] = React.useState<Record<string, string>>({});
  const [reason, setReason] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const enter = useMutation(trpc.inventory.counts.enter.mutationOptions());
  const post = useMutation(trpc.inventory.counts.post.mutationOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.inventory.pathFilter());

  const c = query.data;
  if (!c) return query.error ? <p role="alert">{errorMessage(query.error)}</p> : <p>Loading…</p>;
  const open = c.status === "OPEN" && canManage;
  const valueOf = (itemId: string, fallback: string) => typed[itemId] ?? fallback;

  async function save() {
    setError(null);
    try {
      await enter.mutateAsync({
        countId: c!.id,
        lines: c!.lines.map((l) => {
          const v = valueOf(
            l.item.id,
            l.item.tracking === "SERIAL" ? l.countedSerials.join("\n") : String(l.countedQuantity ?? ""),
          );
          return l.item.tracking === "SERIAL"
            ? { itemId: l.item.id, countedSerials: splitSerials(v) }
            : { itemId: l.item.id, countedQuantity: v.trim() === "" ? undefined : Number(v) };
        }),
      });
      setTyped({});
      toast({ variant: "success", title: "Counted quantities saved" });
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  async function postCount() {
    setError(null);
    try {
      await post.mutateAsync({ countId: c!.id, reason });
      toast({ variant: "success", title: `${c!.numberLabel} posted`, description: "The books now match the count." });
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <>
      <InventoryHeader
        title={`${c.numberLabel} · ${c.location.name}`}
        description={
          c.status === "OPEN"
            ? `Started ${formatDateTime(c.createdAt, timeZone)}: the expected quantities are the books at that moment.`
            : `Posted ${formatDateTime(c.postedAt, timeZone)} by ${c.postedBy ?? "—"}: ${c.reason}`
        }
      />
      <Card className="overflow-hidden">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Item</TableHead>
              <TableHead className="text-right">Expected</TableHead>
              <TableHead>Counted</TableHead>
              <TableHead className="text-right">Variance</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {c.lines.length === 0 ? (
              <TableRow>
                <TableCell colSpan={4} className="text-muted-foreground">
                  The books hold nothing here.
                </TableCell>
              </TableRow>
            ) : null}
            {c.lines.map((l) => (
              <TableRow key={l.id}>
                <TableCell className="align-top font-medium">
                  {l.item.name}
                  {l.item.tracking === "SERIAL" && l.expectedSerials.length ? (
                    <p className="font-mono text-xs font-normal text-muted-foreground">{l.expectedSerials.join(" ")}</p>
                  ) : null}
                </TableCell>
                <TableCell className="text-right align-top tabular-nums">{l.expectedQuantity}</TableCell>
                <TableCell className="align-top">
                  {l.item.tracking === "SERIAL" ? (
                    open ? (
                      <div className="grid gap-2">
                        <Textarea
                          aria-label={`Serials counted of ${l.item.name}`}
                          rows={3}
                          className="font-mono"
                          value={valueOf(l.item.id, l.countedSerials.join("\n"))}
                          onChange={(e) => setTyped({ ...typed, [l.item.id]: e.target.value })}
                        />
                        <BarcodeScanner
                          label="Scan a serial"
                          onScan={(s) =>
                            setTyped((t) => ({
                              ...t,
                              [l.item.id]: `${t[l.item.id] ?? l.countedSerials.join("\n")}\n${s}`.trim(),
                            }))
                          }
                        />
                      </div>
                    ) : (
                      <span className="font-mono text-xs">{l.countedSerials.join(" ") || "—"}</span>
                    )
                  ) : open ? (
                    <Input
                      aria-label={`Counted ${l.item.name} (${l.item.unit})`}
                      inputMode="numeric"
                      className="w-28"
                      value={valueOf(l.item.id, l.countedQuantity === null ? "" : String(l.countedQuantity))}
                      onChange={(e) => setTyped({ ...typed, [l.item.id]: e.target.value })}
                    />
                  ) : (
                    <span className="tabular-nums">{l.countedQuantity ?? "—"}</span>
                  )}
                </TableCell>
                <TableCell className="text-right align-top tabular-nums">
                  {l.variance === null ? "—" : l.variance > 0 ? `+${l.variance}` : l.variance}
                  {l.missingSerials.length ? (
                    <p className="text-xs text-destructive">Not found: {l.missingSerials.join(", ")}</p>
                  ) : null}
                  {l.extraSerials.length ? (
                    <p className="text-xs text-muted-foreground">Found here: {l.extraSerials.join(", ")}</p>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
      {open ? (
        <CountFound
          count={c}
          onAdded={async (next, serial) => {
            // A unit added to a row with unsaved typing joins that typing, so neither is lost.
            const line = serial ? next.lines.find((l) => l.countedSerials.includes(serial)) : undefined;
            if (line && typed[line.item.id] !== undefined)
              setTyped((t) => ({ ...t, [line.item.id]: `${t[line.item.id]}\n${serial}`.trim() }));
            await refresh();
          }}
        />
      ) : null}
      {open ? (
        <div className="mt-4 grid max-w-xl gap-3">
          <Button variant="outline" onClick={save} disabled={enter.isPending}>
            <Save aria-hidden />
            Save the counted quantities
          </Button>
          <label className="grid gap-1 text-sm">
            Reason for the adjustments
            <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Quarterly count" />
          </label>
          <FormError message={error} />
          <Button onClick={postCount} disabled={post.isPending || !reason.trim()}>
            <CheckCircle2 aria-hidden />
            Post the variance
          </Button>
          <p className="text-sm text-muted-foreground">
            Posting adjusts consumables by the variance, writes off units not found and brings units found here onto
            this place&apos;s books. A count is posted once.
          </p>
        </div>
      ) : null}
    </>
  );
}
