"use client";

import * as React from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { MapPin, Plus } from "lucide-react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc/client";
import { CREATABLE_LOCATION_KINDS, LOCATION_KIND_LABELS, locationSchema } from "@/server/modules/inventory/schema";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { InventoryHeader, PrintLabelsLink } from "./parts";

/** Warehouses with their bins, technicians' vans, and the virtual places (at customers, at sites, in repair). */
export function LocationsView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const [adding, setAdding] = React.useState(false);
  const query = useQuery(trpc.inventory.locations.list.queryOptions({}));
  return (
    <>
      <InventoryHeader
        title="Locations"
        description="Every unit is always somewhere: a warehouse or one of its bins, a technician's van, or at a customer's, a site or a supplier's for repair."
        actions={
          canManage ? (
            <Button onClick={() => setAdding(true)}>
              <Plus aria-hidden />
              Add location
            </Button>
          ) : undefined
        }
      />
      {query.data && query.data.length === 0 ? (
        <EmptyState
          icon={<MapPin />}
          title="No locations yet"
          description={
            canManage
              ? "Add your warehouse first, then its bins and a van for each field technician."
              : "Ask a network administrator to add the warehouse and the vans."
          }
        />
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead className="hidden sm:table-cell">In</TableHead>
                <TableHead className="text-right">Units on hand</TableHead>
                <TableHead className="w-0">
                  <span className="sr-only">Label</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {query.data?.map((l) => (
                <TableRow key={l.id}>
                  <TableCell className="font-medium">{l.name}</TableCell>
                  <TableCell>{LOCATION_KIND_LABELS[l.kind]}</TableCell>
                  <TableCell className="hidden sm:table-cell">{l.parent?.name ?? l.technician?.name ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{l.units}</TableCell>
                  <TableCell>
                    {l.kind === "BIN" || l.kind === "WAREHOUSE" ? (
                      <PrintLabelsLink query={{ locationId: l.id }} label={`Print label for ${l.name}`} size="sm" />
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
      {canManage ? <LocationDialog open={adding} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

type LocationIn = z.input<typeof locationSchema>;
type LocationOut = z.output<typeof locationSchema>;

function LocationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const locations = useQuery(trpc.inventory.locations.list.queryOptions({}, { enabled: open }));
  const technicians = useQuery(trpc.workOrders.technicians.queryOptions(undefined, { enabled: open }));
  const form = useDialogForm<LocationIn, LocationOut>(
    open,
    () => ({ name: "", kind: "WAREHOUSE", parentId: "", technicianId: "" }),
    { resolver: zodResolver(locationSchema) },
  );
  const create = useMutation(trpc.inventory.locations.create.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => create.mutateAsync(data),
    refresh: trpc.inventory.pathFilter(),
    saved: (data) => `${data.name} added`,
    done: onClose,
  });
  const { errors } = form.formState;
  const kind = form.watch("kind");
  return (
    <FormDialog
      open={open}
      onOpenChange={(o) => (o ? null : onClose())}
      title="Add a location"
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Add location"
    >
      <FormField label="Kind" required error={errors.kind?.message}>
        <NativeSelect {...form.register("kind")}>
          {CREATABLE_LOCATION_KINDS.map((k) => (
            <option key={k} value={k}>
              {LOCATION_KIND_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Name" required error={errors.name?.message}>
        <Input
          autoComplete="off"
          placeholder={kind === "VAN" ? "Van: Peter" : "Main store"}
          {...form.register("name")}
        />
      </FormField>
      {kind === "BIN" ? (
        <FormField label="Warehouse" required error={errors.parentId?.message}>
          <NativeSelect {...form.register("parentId")}>
            <option value="">Choose</option>
            {locations.data
              ?.filter((l) => l.kind === "WAREHOUSE")
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
          </NativeSelect>
        </FormField>
      ) : null}
      {kind === "VAN" ? (
        <FormField label="Technician" required error={errors.technicianId?.message}>
          <NativeSelect {...form.register("technicianId")}>
            <option value="">Choose</option>
            {technicians.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      ) : null}
    </FormDialog>
  );
}
