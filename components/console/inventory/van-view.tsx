"use client";

import { useQuery } from "@tanstack/react-query";
import { Truck } from "lucide-react";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc/client";

/** A field technician's own van: what they carry, by item, with the serials of the equipment. */
export function VanView() {
  const trpc = useTRPC();
  const query = useQuery(trpc.inventory.van.mine.queryOptions());
  const data = query.data;
  return (
    <>
      <PageHeader
        title={data?.van ? data.van.name : "My van"}
        description="What you carry. A unit leaves your van when you record its serial on a job and complete it."
      />
      {data && !data.van ? (
        <EmptyState
          icon={<Truck />}
          title="You have no van yet"
          description="Ask the store keeper to add a van for you under Inventory → Locations."
        />
      ) : data && data.rows.length === 0 ? (
        <EmptyState
          icon={<Truck />}
          title="Your van is empty"
          description="Ask the store keeper to load it from the warehouse."
        />
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Item</TableHead>
                <TableHead className="text-right">Quantity</TableHead>
                <TableHead>Serials</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data?.rows.map((r) => (
                <TableRow key={r.itemId}>
                  <TableCell className="font-medium">{r.name}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {r.quantity}
                    {r.unit === "unit" ? "" : ` ${r.unit}`}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{r.units.map((u) => u.serial).join(", ") || "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </>
  );
}
