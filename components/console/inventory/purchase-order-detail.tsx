"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, PackageCheck, Send } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { useToastAction } from "../use-toast-action";
import { InventoryHeader, money, PoStatusBadge, PrintLabelsLink } from "./parts";

type Po = RouterOutputs["inventory"]["purchaseOrders"]["get"];

export function PurchaseOrderDetail({
  id,
  canManage,
  currency,
  timeZone,
}: {
  id: string;
  canManage: boolean;
  currency: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.inventory.purchaseOrders.get.queryOptions({ id }));
  const [receiving, setReceiving] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.inventory.pathFilter());
  const send = useMutation(trpc.inventory.purchaseOrders.send.mutationOptions());
  const sending = useToastAction(trpc.inventory.pathFilter());
  const po = query.data;
  if (!po) return query.error ? <p role="alert">{errorMessage(query.error)}</p> : <p>Loading…</p>;
  const open = po.status !== "RECEIVED" && po.status !== "CANCELLED";
  return (
    <>
      <InventoryHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Purchase order {po.numberLabel}
            <PoStatusBadge status={po.status} />
          </span>
        }
        description={`${po.supplier.name}${po.automatic ? " · drafted by the reorder points" : ""}`}
        actions={
          <>
            {po.lines.some((l) => l.receivedQuantity > 0 && l.item.tracking === "SERIAL") ? (
              <PrintLabelsLink query={{ purchaseOrderId: po.id }} label="Print labels for the units" />
            ) : null}
            {canManage && open ? (
              <>
                <Button
                  variant="outline"
                  onClick={() =>
                    sending(async () => {
                      const sent = await send.mutateAsync({ id: po.id });
                      return { title: `${sent.numberLabel} sent`, description: `E-mailed as a PDF to ${sent.sentTo}.` };
                    }, "Not sent")
                  }
                  disabled={sending.pending}
                >
                  <Send aria-hidden />
                  {po.sentAt ? "Send again" : "Send to supplier"}
                </Button>
                <Button onClick={() => setReceiving(true)}>
                  <PackageCheck aria-hidden />
                  Receive goods
                </Button>
                <Button variant="ghost" onClick={() => setCancelling(true)}>
                  <Ban aria-hidden />
                  Cancel order
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="overflow-hidden lg:col-span-2">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Item</TableHead>
                <TableHead className="text-right">Ordered</TableHead>
                <TableHead className="text-right">Received</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Unit price</TableHead>
                <TableHead className="text-right">Amount</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {po.lines.map((l) => (
                <TableRow key={l.id}>
                  <TableCell>
                    <span className="font-medium">{l.item.name}</span>{" "}
                    <span className="font-mono text-xs text-muted-foreground">{l.item.sku}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{l.quantity}</TableCell>
                  <TableCell className="text-right tabular-nums">{l.receivedQuantity}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">
                    {money(l.unitCostMinor, currency)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{money(l.totalMinor, currency)}</TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell colSpan={4} className="font-semibold">
                  Total
                </TableCell>
                <TableCell className="text-right font-semibold tabular-nums">
                  {money(po.totalMinor, currency)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-2 text-sm">
            <p>Created {formatDateTime(po.createdAt, timeZone)}</p>
            <p>{po.sentAt ? `Sent ${formatDateTime(po.sentAt, timeZone)} to ${po.sentTo}` : "Not sent yet."}</p>
            {po.expectedOn ? <p>Wanted by {po.expectedOn}</p> : null}
            {po.receivedAt ? <p>Received {formatDateTime(po.receivedAt, timeZone)}</p> : null}
            {po.cancelReason ? <p>Cancelled: {po.cancelReason}</p> : null}
            {po.notes ? <p className="whitespace-pre-wrap text-muted-foreground">{po.notes}</p> : null}
          </CardContent>
        </Card>
      </div>
      {canManage ? (
        <>
          {/* Mounted while open, so each opening starts from an empty form. */}
          {receiving ? <ReceiveDialog po={po} open onClose={() => setReceiving(false)} onDone={refresh} /> : null}
          <CancelDialog po={po} open={cancelling} onClose={() => setCancelling(false)} onDone={refresh} />
        </>
      ) : null}
    </>
  );
}

/** "SERIAL" or "SERIAL MAC" per line, as a scanner types them. */
function unitsFrom(text: string) {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [serial, mac] = l.split(/[\s,;]+/);
      return { serial: serial!, ...(mac ? { mac } : {}) };
    });
}

function ReceiveDialog({
  po,
  open,
  onClose,
  onDone,
}: {
  po: Po;
  open: boolean;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const locations = useQuery(trpc.inventory.locations.list.queryOptions({ includeVirtual: false }, { enabled: open }));
  const outstanding = po.lines.filter((l) => l.outstanding > 0);
  const [locationId, setLocationId] = React.useState("");
  const [counts, setCounts] = React.useState<Record<string, string>>({});
  const [serials, setSerials] = React.useState<Record<string, string>>({});
  const [error, setError] = React.useState<string | null>(null);
  const receive = useMutation(
    trpc.inventory.purchaseOrders.receive.mutationOptions({
      onSuccess: async (res) => {
        toast({
          variant: "success",
          title: `${res.numberLabel} received`,
          description: res.unitsReceived ? `${res.unitsReceived} units added by serial.` : undefined,
        });
        await onDone();
        onClose();
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  const stores = locations.data?.filter((l) => l.kind === "WAREHOUSE" || l.kind === "BIN") ?? [];
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (o ? null : onClose())}
      className="max-w-2xl"
      title={`Receive goods on ${po.numberLabel}`}
      description="Enter what arrived. Equipment needs the serial of every unit, one a line (a MAC may follow the serial)."
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const lines = outstanding
          .map((l) => {
            if (l.item.tracking === "SERIAL") {
              const units = unitsFrom(serials[l.id] ?? "");
              return { lineId: l.id, quantity: units.length, units };
            }
            return { lineId: l.id, quantity: Number(counts[l.id] || 0), units: [] };
          })
          .filter((l) => l.quantity > 0);
        receive.mutate({ purchaseOrderId: po.id, locationId, lines });
      }}
      formError={error ?? undefined}
      pending={receive.isPending}
      submitLabel="Receive"
    >
      <FormField label="Into" required>
        <NativeSelect value={locationId} onChange={(e) => setLocationId(e.target.value)}>
          <option value="">{locations.isPending ? "Loading…" : "Choose a warehouse or bin"}</option>
          {stores.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {outstanding.map((l) =>
        l.item.tracking === "SERIAL" ? (
          <FormField
            key={l.id}
            label={`Serials of ${l.item.name}`}
            description={`${l.outstanding} still to come; ${unitsFrom(serials[l.id] ?? "").length} entered.`}
          >
            <Textarea
              rows={4}
              className="font-mono text-sm"
              value={serials[l.id] ?? ""}
              onChange={(e) => setSerials((s) => ({ ...s, [l.id]: e.target.value }))}
            />
          </FormField>
        ) : (
          <FormField key={l.id} label={`${l.item.name} received`} description={`${l.outstanding} still to come.`}>
            <Input
              inputMode="numeric"
              value={counts[l.id] ?? ""}
              onChange={(e) => setCounts((c) => ({ ...c, [l.id]: e.target.value }))}
            />
          </FormField>
        ),
      )}
    </FormDialog>
  );
}

function CancelDialog({
  po,
  open,
  onClose,
  onDone,
}: {
  po: Po;
  open: boolean;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const [reason, setReason] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const cancel = useMutation(
    trpc.inventory.purchaseOrders.cancel.mutationOptions({
      onSuccess: async () => {
        await onDone();
        onClose();
      },
      onError: (err) => setError(errorMessage(err)),
    }),
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (o ? null : onClose())}
      title={`Cancel ${po.numberLabel}?`}
      description="What was received stays in stock; the rest is no longer expected."
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate({ id: po.id, reason });
      }}
      formError={error ?? undefined}
      pending={cancel.isPending}
      submitLabel="Cancel order"
      destructive
    >
      <FormField label="Reason" required>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
