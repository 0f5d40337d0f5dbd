"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarClock, Pause, Pencil, Play, Plus, Wrench } from "lucide-react";
import type { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import { planSchema } from "@/server/modules/maintenance/schema";
import { formatWorkOrderNumber, STATUS_LABELS } from "@/server/modules/work-orders/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage, formErrorOf } from "../errors";
import { formatDay } from "../format";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import { MaintenanceDue } from "./maintenance-due";
import { DeviceTypeOptions, InventoryHeader } from "./parts";

// Preventive maintenance plans: what is done how often to which unit or device type, when the
// next job falls due, and pausing a plan; below them, what falls due soon (maintenance-due.tsx).
// The job opens the work orders; "Open due jobs now" runs it at once.

type Row = RouterOutputs["maintenance"]["plans"]["list"]["rows"][number];

export function MaintenanceView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q"]);
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const query = useQuery(
    trpc.maintenance.plans.list.queryOptions(
      { page: list.page, pageSize: 25, search: list.search || undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const pause = useMutation(trpc.maintenance.plans.setPaused.mutationOptions());
  const openDue = useMutation(trpc.maintenance.openDue.mutationOptions());
  const act = useToastAction(trpc.maintenance.pathFilter());
  const columns: Columns<Row> = [
    { label: "Task", cellClassName: "font-medium", cell: (p) => p.title },
    {
      label: "For",
      cell: (p) =>
        p.asset ? (
          <Link className="underline" href={`/inventory/assets?serial=${encodeURIComponent(p.asset.serial)}`}>
            {p.asset.item} {p.asset.serial}
          </Link>
        ) : (
          `Every ${p.deviceType?.name} (${p.targets})`
        ),
    },
    { label: "Rule", className: "hidden lg:table-cell", cell: (p) => p.rule },
    {
      label: "Next due",
      cellClassName: "tabular-nums",
      cell: (p) =>
        p.paused ? (
          <Badge variant="outline">Paused</Badge>
        ) : p.nextDueOn ? (
          formatDay(p.nextDueOn)
        ) : p.openJobs ? (
          `${p.openJobs} job${p.openJobs === 1 ? "" : "s"} open`
        ) : (
          "—"
        ),
    },
    {
      label: "Work orders opened",
      cell: (p) =>
        p.workOrders.total ? (
          <ul aria-label={`Work orders of ${p.title}`} className="grid gap-0.5">
            {p.workOrders.recent.map((w) => (
              <li key={w.id}>
                <Link className="underline" href={`/work-orders/${w.id}`}>
                  {formatWorkOrderNumber(w.number)}
                </Link>{" "}
                <span className="text-muted-foreground">
                  due {formatDay(w.dueOn)} · {STATUS_LABELS[w.status]}
                </span>
              </li>
            ))}
            {p.workOrders.total > p.workOrders.recent.length ? (
              <li className="text-muted-foreground">and {p.workOrders.total - p.workOrders.recent.length} earlier</li>
            ) : null}
          </ul>
        ) : (
          <span className="text-muted-foreground">None yet: opened {p.leadDays} days before each due date</span>
        ),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "w-24 text-right",
      cell: (p) => (
        <div className="flex justify-end">
          <Button variant="ghost" size="sm" aria-label={`Edit ${p.title}`} onClick={() => setEditing(p)}>
            <Pencil aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            aria-label={p.paused ? `Resume ${p.title}` : `Pause ${p.title}`}
            onClick={() =>
              act(async () => {
                await pause.mutateAsync({ id: p.id, paused: !p.paused });
                return p.paused ? `${p.title} resumed` : `${p.title} paused`;
              })
            }
          >
            {p.paused ? <Play aria-hidden /> : <Pause aria-hidden />}
          </Button>
        </div>
      ),
    },
  ];
  return (
    <>
      <InventoryHeader
        title="Preventive maintenance"
        description="Plans open work orders ahead of their due dates: every N days from the last completed job."
        actions={
          canManage ? (
            <>
              <Button
                variant="outline"
                onClick={() =>
                  act(async () => {
                    const r = await openDue.mutateAsync();
                    return r.opened ? `${r.opened} work order${r.opened === 1 ? "" : "s"} opened` : "Nothing due yet";
                  })
                }
              >
                <CalendarClock aria-hidden />
                Open due jobs now
              </Button>
              <Button onClick={() => setEditing("new")}>
                <Plus aria-hidden />
                Add plan
              </Button>
            </>
          ) : undefined
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["plan", "plans"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="plans-search"
              label="Search plans"
              placeholder="Task"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        empty={{
          icon: <Wrench />,
          title: "No maintenance plans yet",
          description: canManage
            ? "Add a plan with “Add plan”, e.g. every 90 days: check the UPS batteries."
            : "Ask a network administrator to plan preventive maintenance.",
        }}
        noMatch={
          list.filtered && { title: "No plans match", description: "Try another search.", onClear: list.clearFilters }
        }
        onPageChange={list.setPage}
      />
      <MaintenanceDue />
      {canManage ? (
        <PlanDialog openFor={editing} plan={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

type PlanIn = z.input<typeof planSchema> & { serial?: string };
type PlanOut = z.output<typeof planSchema>;

function PlanDialog({ openFor, plan, onClose }: { openFor: unknown; plan: Row | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useDialogForm<PlanIn, PlanOut>(
    openFor,
    () => ({
      title: plan?.title ?? "",
      instructions: plan?.instructions ?? "",
      serial: plan?.asset?.serial ?? "",
      assetId: plan?.asset?.id ?? "",
      deviceTypeId: plan?.deviceType?.id ?? "",
      intervalDays: plan?.intervalDays ?? 90,
      leadDays: plan?.leadDays ?? 7,
      startsOn: plan?.startsOn ?? new Date().toISOString().slice(0, 10),
    }),
    {
      // The serial typed is looked up to the unit's id before the plan's own rules are checked.
      resolver: async (values, context, options) => {
        let assetId = "";
        if (values.serial?.trim()) {
          try {
            assetId = (
              await queryClient.fetchQuery(trpc.inventory.assets.lookup.queryOptions({ serial: values.serial.trim() }))
            ).id;
          } catch (err) {
            return { values: {}, errors: { serial: { type: "lookup", message: errorMessage(err) } } };
          }
        }
        return zodResolver(planSchema)({ ...values, assetId }, context, options as never) as never;
      },
    },
  );
  const create = useMutation(trpc.maintenance.plans.create.mutationOptions());
  const update = useMutation(trpc.maintenance.plans.update.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => (plan ? update.mutateAsync({ id: plan.id, data }) : create.mutateAsync(data)),
    refresh: trpc.maintenance.pathFilter(),
    saved: (data) => `${data.title} saved`,
    done: onClose,
    fieldNames: { assetId: "serial" },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      className="max-w-xl"
      title={plan ? `Edit ${plan.title}` : "Add a maintenance plan"}
      description="For one unit (by serial) or for every network device of a type."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel="Save plan"
    >
      <FormField label="Task" required error={errors.title?.message}>
        <Input autoComplete="off" placeholder="Check the UPS batteries" {...form.register("title")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Unit serial" error={errors.serial?.message ?? errors.assetId?.message}>
          <Input className="font-mono" autoComplete="off" {...form.register("serial")} />
        </FormField>
        <FormField label="… or device type" error={errors.deviceTypeId?.message}>
          <NativeSelect {...form.register("deviceTypeId")} value={form.watch("deviceTypeId") ?? ""}>
            <DeviceTypeOptions none="—" />
          </NativeSelect>
        </FormField>
        <FormField label="Every (days)" error={errors.intervalDays?.message}>
          <Input inputMode="numeric" {...form.register("intervalDays", { valueAsNumber: true })} />
        </FormField>
        <FormField label="Open the job (days ahead)" error={errors.leadDays?.message}>
          <Input inputMode="numeric" {...form.register("leadDays", { valueAsNumber: true })} />
        </FormField>
        <FormField label="First due" error={errors.startsOn?.message}>
          <Input type="date" {...form.register("startsOn")} />
        </FormField>
      </div>
      <FormField label="Instructions" error={errors.instructions?.message}>
        <Input autoComplete="off" {...form.register("instructions")} />
      </FormField>
    </FormDialog>
  );
}
