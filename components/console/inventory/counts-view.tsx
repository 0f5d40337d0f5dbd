"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@tanstack/react-query";
import { ClipboardList } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage, FormError } from "../errors";
import { formatDateTime } from "../format";
import { InventoryHeader } from "./parts";

// Cycle counts: the list, and starting a count of a warehouse, shelf or van (the snapshot).

export function CountsView({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const counts = useQuery(trpc.inventory.counts.list.queryOptions({ pageSize: 50 }));
  // Only stock places are counted ("at customers" and the other virtual places are not shelves).
  const locations = useQuery(
    trpc.inventory.locations.list.queryOptions({ includeVirtual: false }, { enabled: canManage }),
  );
  const [locationId, setLocationId] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const start = useMutation(trpc.inventory.counts.start.mutationOptions());

  async function begin() {
    setError(null);
    if (!locationId) return setError("Choose the place to count.");
    try {
      const c = await start.mutateAsync({ locationId });
      router.push(`/inventory/counts/${c.id}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  return (
    <>
      <InventoryHeader
        title="Stock counts"
        description="Count a shelf, a warehouse or a van, compare with the books, and post the difference."
      />
      {canManage ? (
        <form
          className="mb-4 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void begin();
          }}
        >
          <label className="grid gap-1 text-sm">
            Place to count
            <NativeSelect
              value={locationId}
              onChange={(e) => setLocationId(e.target.value)}
              aria-label="Place to count"
            >
              <option value="">Choose…</option>
              {locations.data?.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </NativeSelect>
          </label>
          <Button type="submit" disabled={start.isPending}>
            <ClipboardList aria-hidden />
            Start a count
          </Button>
          <FormError message={error} />
        </form>
      ) : null}
      {counts.data?.rows.length ? (
        <Card className="overflow-hidden">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Count</TableHead>
                <TableHead>Place</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Started</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {counts.data.rows.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>
                    <Link className="font-mono underline" href={`/inventory/counts/${c.id}`}>
                      {c.numberLabel}
                    </Link>
                  </TableCell>
                  <TableCell>{c.location.name}</TableCell>
                  <TableCell>
                    {c.status === "OPEN" ? "Counting" : `Posted ${formatDateTime(c.postedAt, timeZone)}`}
                  </TableCell>
                  <TableCell>{formatDateTime(c.createdAt, timeZone)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      ) : (
        <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
          {counts.isPending
            ? "Loading…"
            : canManage
              ? "No counts yet. Choose a place above and start one: the books' quantities are kept as they are now."
              : "No counts yet."}
        </p>
      )}
    </>
  );
}
