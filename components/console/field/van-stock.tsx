"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PackageCheck, PackageMinus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import type { WorkOrderDetail } from "../work-orders/shared";
import { errorMessage, FormError } from "../errors";
import { BarcodeScanner } from "./barcode-scanner";

// The technician's van on a job's phone view: deploy a unit from the van to the customer's
// subscription (its serial scanned or typed), and issue consumables (drop cable, connectors) to
// the job. The server moves them through the stock ledger and refuses what the van does not hold.

const BIG = "h-12 text-base";

/** The signed-in technician's van; nothing when they have no van or no van permission. */
function useVan() {
  const trpc = useTRPC();
  return useQuery({ ...trpc.inventory.van.mine.queryOptions(), retry: false });
}

function useRefreshVan(workOrderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return React.useCallback(async () => {
    await queryClient.invalidateQueries(trpc.inventory.van.pathFilter());
    await queryClient.invalidateQueries(trpc.workOrders.get.queryFilter({ id: workOrderId }));
  }, [queryClient, trpc, workOrderId]);
}

export function VanCards({ w }: { w: WorkOrderDetail }) {
  const van = useVan();
  if (!van.data?.van) return null;
  return (
    <>
      {w.subscription ? <DeployCard w={w} units={van.data.rows.flatMap((r) => r.units)} /> : null}
      <IssueCard w={w} rows={van.data.rows.filter((r) => r.tracking === "BULK")} vanName={van.data.van.name} />
    </>
  );
}

function DeployCard({ w, units }: { w: WorkOrderDetail; units: { serial: string; status: string }[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshVan(w.id);
  const [serial, setSerial] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const deploy = useMutation(trpc.workOrders.deployUnit.mutationOptions());
  const inStock = units.filter((u) => u.status === "IN_STOCK");

  async function submit(value: string) {
    setError(null);
    try {
      const res = await deploy.mutateAsync({ workOrderId: w.id, serial: value });
      toast({ variant: "success", title: `${res.itemName} ${res.serial} deployed to the customer` });
      setSerial("");
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  const onScan = React.useCallback((text: string) => setSerial(text.toUpperCase()), []);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Deploy from your van</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="grid gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void submit(serial);
          }}
        >
          <p className="text-sm text-muted-foreground">
            Scan the label on the box or type its serial: the unit leaves your van for{" "}
            {w.customer?.displayName ?? "the customer"}&apos;s service at once.
          </p>
          <Input
            aria-label="Serial to deploy"
            placeholder="Serial number"
            list="van-serials"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            className={cn(BIG, "font-mono")}
            value={serial}
            onChange={(e) => setSerial(e.target.value)}
          />
          <datalist id="van-serials">
            {inStock.map((u) => (
              <option key={u.serial} value={u.serial} />
            ))}
          </datalist>
          <BarcodeScanner onScan={onScan} label="Scan the barcode" />
          <FormError message={error} />
          <Button type="submit" className={BIG} disabled={deploy.isPending || serial.trim().length < 3}>
            {deploy.isPending ? <Spinner className="text-current" label="Saving" /> : <PackageCheck aria-hidden />}
            Deploy
          </Button>
          <p className="text-xs text-muted-foreground">
            {inStock.length
              ? `${inStock.length} unit${inStock.length === 1 ? "" : "s"} with a serial in your van.`
              : "No units with a serial in your van: ask the store keeper to load some."}
          </p>
        </form>
      </CardContent>
    </Card>
  );
}

function IssueCard({
  w,
  rows,
  vanName,
}: {
  w: WorkOrderDetail;
  rows: { itemId: string; name: string; unit: string; quantity: number }[];
  vanName: string;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefreshVan(w.id);
  const issued = useQuery(trpc.inventory.van.issued.queryOptions({ workOrderId: w.id }));
  const [itemId, setItemId] = React.useState("");
  const [quantity, setQuantity] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const issue = useMutation(trpc.inventory.van.move.mutationOptions());
  const van = useVan();
  const chosen = rows.find((r) => r.itemId === itemId);

  async function submit() {
    setError(null);
    const n = Number(quantity);
    if (!chosen) return setError("Choose what you used.");
    if (!Number.isInteger(n) || n <= 0) return setError("Enter how much you used, as a whole number.");
    try {
      await issue.mutateAsync({
        kind: "ISSUE",
        itemId: chosen.itemId,
        fromLocationId: van.data!.van!.id,
        workOrderId: w.id,
        quantity: n,
      });
      toast({ variant: "success", title: `${n} ${unitText(chosen.unit)} of ${chosen.name} issued to the job` });
      setQuantity("");
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Materials used</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {issued.data?.length ? (
          <ul className="grid gap-2" aria-label="Materials issued to this job">
            {issued.data.map((m) => (
              <li key={m.id} className="flex justify-between rounded-lg border px-3 py-2">
                <span>{m.item}</span>
                <span className="font-mono">
                  {m.quantity} {unitText(m.unit)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">Record the cable and connectors you use from {vanName}.</p>
        )}
        {rows.length ? (
          <form
            noValidate
            className="grid gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <div className="grid gap-2">
              <Label htmlFor="issue-item">What did you use?</Label>
              <NativeSelect
                id="issue-item"
                value={itemId}
                onChange={(e) => setItemId(e.target.value)}
                className="[&_select]:h-12 [&_select]:text-base"
              >
                <option value="">Choose…</option>
                {rows.map((r) => (
                  <option key={r.itemId} value={r.itemId}>
                    {r.name} ({r.quantity} {unitText(r.unit)} in the van)
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="issue-quantity">How much{chosen ? ` (${unitText(chosen.unit)})` : ""}?</Label>
              <Input
                id="issue-quantity"
                inputMode="numeric"
                autoComplete="off"
                className={BIG}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
              />
            </div>
            <FormError message={error} />
            <Button type="submit" variant="secondary" className={BIG} disabled={issue.isPending}>
              {issue.isPending ? <Spinner className="text-current" label="Saving" /> : <PackageMinus aria-hidden />}
              Issue to this job
            </Button>
          </form>
        ) : (
          <p className="text-sm text-muted-foreground">No materials in your van.</p>
        )}
      </CardContent>
    </Card>
  );
}

const unitText = (unit: string) => (unit === "unit" ? "units" : unit);
