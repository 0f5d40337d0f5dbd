"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { KeyRound, Plus, Router, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import {
  createNasSchema,
  NAS_TYPE_LABELS,
  NAS_TYPES,
  NAS_VENDOR_LABELS,
  NAS_VENDORS,
  rotateSecretSchema,
} from "@/server/modules/nas/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { ConfirmDialog } from "../confirm-dialog";
import { errorMessage, formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDateTime } from "../format";
import { SiteSelect } from "../ipam/dialog-fields";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { DevicePicker, type PickedDevice } from "./device-picker";
import { nasListInput } from "./list-query";

// The NAS registry (Network → NAS): the routers, BNGs and hotspot gateways subscribers' sessions
// run on, with the shared secret our Disconnect/CoA requests are signed with. The secret is typed
// once and never shown again; "Rotate secret" replaces it.

type Row = RouterOutputs["nas"]["list"]["rows"][number];

export function NasView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q"]);
  const input = nasListInput(list);
  const query = useQuery(trpc.nas.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const [rotating, setRotating] = React.useState<Row | null>(null);
  const [deleting, setDeleting] = React.useState<Row | null>(null);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  const toast = useToast();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.nas.remove.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: `${deleting?.name ?? "The NAS"} removed` });
        setDeleting(null);
        await queryClient.invalidateQueries(trpc.nas.pathFilter());
      },
      // The server says why (sessions still online on it).
      onError: (e) => setDeleteError(errorMessage(e)),
    }),
  );
  const timeZone = useQuery(trpc.companies.current.queryOptions()).data?.timeZone ?? "UTC";
  const columns: Columns<Row> = [
    {
      label: "NAS",
      cell: (n) => (
        <>
          <div className="font-medium">{n.name}</div>
          <div className="text-xs text-muted-foreground">
            {NAS_TYPE_LABELS[n.type]} · {NAS_VENDOR_LABELS[n.vendor]}
          </div>
        </>
      ),
    },
    {
      label: "IP address",
      cellClassName: "font-mono text-sm",
      cell: (n) => (
        <>
          {n.ipAddress}
          <div className="text-xs text-muted-foreground">CoA port {n.coaPort}</div>
        </>
      ),
    },
    { label: "Site", className: "hidden md:table-cell", cell: (n) => n.site?.name ?? "—" },
    { label: "Device", className: "hidden lg:table-cell", cell: (n) => n.device?.name ?? "—" },
    {
      label: "Secret",
      className: "hidden sm:table-cell",
      cell: (n) => (
        <Badge variant="secondary" title="Set or rotated at">
          Set {formatDateTime(n.secretRotatedAt, timeZone)}
        </Badge>
      ),
    },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cell: (n) => (
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="outline" onClick={() => setEditing(n)}>
            Edit<span className="sr-only"> {n.name}</span>
          </Button>
          <Button size="sm" variant="outline" onClick={() => setRotating(n)}>
            <KeyRound aria-hidden />
            Rotate secret<span className="sr-only"> of {n.name}</span>
          </Button>
          <Button
            size="sm"
            variant="outline"
            onClick={() => {
              setDeleteError(null);
              setDeleting(n);
            }}
          >
            <Trash2 aria-hidden />
            Remove<span className="sr-only"> {n.name}</span>
          </Button>
        </div>
      ),
    },
  ];
  const addButton = canManage ? (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden />
      Add NAS
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="NAS"
        description="Routers, BNGs and hotspot gateways that run your subscribers' sessions. Suspensions and package changes reach them as RADIUS Disconnect and CoA requests."
        actions={addButton}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["NAS", "NAS"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="nas-search"
              label="Search NAS"
              placeholder="Name or IP address"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(n) => n.id}
        empty={{
          icon: <Router />,
          title: "No NAS registered yet",
          description: canManage
            ? "Add each router or BNG with the IP address it sends as NAS-IP-Address and its RADIUS shared secret, so suspending a customer disconnects their session at once."
            : "When a network administrator registers the company's routers and BNGs, they appear here.",
          action: addButton ?? undefined,
        }}
        noMatch={
          list.filtered && { title: "No NAS match", description: "Try another search.", onClear: list.clearFilters }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <>
          <NasDialog
            key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
            nas={editing === "new" ? null : editing}
            open={editing !== null}
            onOpenChange={() => setEditing(null)}
          />
          <RotateSecretDialog nas={rotating} onOpenChange={() => setRotating(null)} />
          <ConfirmDialog
            open={!!deleting}
            onOpenChange={(o) => (!o ? setDeleting(null) : undefined)}
            title={deleting ? `Remove ${deleting.name}?` : "Remove NAS?"}
            description={
              deleting
                ? `Suspensions can no longer disconnect sessions on ${deleting.ipAddress}, and while other NAS are registered its RADIUS requests are refused. Past Disconnect/CoA requests stay in the history. A NAS with sessions online cannot be removed.`
                : undefined
            }
            confirmLabel="Remove NAS"
            pendingLabel="Removing…"
            destructive
            pending={remove.isPending}
            error={deleteError}
            confirmDisabled={!!deleteError}
            onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
          />
        </>
      ) : null}
    </>
  );
}

type FormIn = z.input<typeof createNasSchema>;
type FormOut = z.output<typeof createNasSchema>;

/** Placeholder secret while editing: the schema wants one, the update never sends it. */
const KEPT_SECRET = "unchanged-secret";

function NasDialog({
  nas,
  open,
  onOpenChange,
}: {
  nas: Row | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  // Keyed by the NAS edited (NasView), so the picker starts from its device each time.
  const [device, setDevice] = React.useState<PickedDevice | null>(nas?.device ?? null);
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({
      name: nas?.name ?? "",
      ipAddress: nas?.ipAddress ?? "",
      type: nas?.type ?? "ROUTER",
      vendor: nas?.vendor ?? "MIKROTIK",
      coaPort: nas?.coaPort ?? 3799,
      siteId: nas?.siteId ?? "",
      deviceId: nas?.deviceId ?? "",
      notes: nas?.notes ?? "",
      secret: nas ? KEPT_SECRET : "",
    }),
    { resolver: zodResolver(createNasSchema) },
  );
  const create = useMutation(trpc.nas.create.mutationOptions());
  const update = useMutation(trpc.nas.update.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: ({ secret, ...values }) =>
      nas ? update.mutateAsync({ ...values, id: nas.id }) : create.mutateAsync({ ...values, secret }),
    refresh: trpc.nas.pathFilter(),
    saved: (values) => (nas ? `${values.name} saved` : `${values.name} added`),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={nas ? `Edit ${nas.name}` : "Add a NAS"}
      description={
        nas
          ? undefined
          : "The shared secret must be the one configured on the NAS for RADIUS (its CoA/incoming port too)."
      }
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={nas ? "Save" : "Add NAS"}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" required error={errors.name?.message}>
          <Input autoComplete="off" {...form.register("name")} />
        </FormField>
        <FormField
          label="IP address"
          required
          error={errors.ipAddress?.message}
          description="As the NAS sends it in NAS-IP-Address."
        >
          <Input autoComplete="off" inputMode="decimal" {...form.register("ipAddress")} />
        </FormField>
        <FormField label="Type" error={errors.type?.message}>
          <NativeSelect {...form.register("type")}>
            {NAS_TYPES.map((t) => (
              <option key={t} value={t}>
                {NAS_TYPE_LABELS[t]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Vendor" error={errors.vendor?.message}>
          <NativeSelect {...form.register("vendor")}>
            {NAS_VENDORS.map((v) => (
              <option key={v} value={v}>
                {NAS_VENDOR_LABELS[v]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="CoA port" error={errors.coaPort?.message} description="3799 unless changed on the NAS.">
          <Input inputMode="numeric" autoComplete="off" {...form.register("coaPort")} />
        </FormField>
        <FormField label="Site" error={errors.siteId?.message}>
          <SiteSelect enabled={open} {...form.register("siteId")} />
        </FormField>
      </div>
      <DevicePicker
        id="nas-device"
        label="Device"
        hint="Optional: the router in your inventory this NAS is."
        picked={device}
        onPick={(d) => {
          setDevice(d);
          form.setValue("deviceId", d?.id ?? "", { shouldDirty: true });
        }}
        error={errors.deviceId?.message}
      />
      {nas ? null : (
        <FormField label="RADIUS shared secret" required error={errors.secret?.message}>
          <Input type="password" autoComplete="new-password" {...form.register("secret")} />
        </FormField>
      )}
      <FormField label="Notes" error={errors.notes?.message}>
        <Textarea rows={2} {...form.register("notes")} />
      </FormField>
    </FormDialog>
  );
}

type RotateIn = z.input<typeof rotateSecretSchema>;
type RotateOut = z.output<typeof rotateSecretSchema>;

function RotateSecretDialog({ nas, onOpenChange }: { nas: Row | null; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const open = nas !== null;
  const form = useDialogForm<RotateIn, RotateOut>(open, () => ({ id: nas?.id ?? "", secret: "" }), {
    resolver: zodResolver(rotateSecretSchema),
  });
  const rotate = useMutation(trpc.nas.rotateSecret.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (values) => rotate.mutateAsync(values),
    refresh: trpc.nas.pathFilter(),
    saved: () => `New secret saved for ${nas?.name ?? "the NAS"}`,
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={nas ? `Rotate the secret of ${nas.name}` : "Rotate secret"}
      description="Set the same secret on the NAS: requests signed with the old one are ignored by it from now on."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={rotate.isPending}
      submitLabel="Save new secret"
    >
      <FormField label="New shared secret" required error={form.formState.errors.secret?.message}>
        <Input type="password" autoComplete="new-password" {...form.register("secret")} />
      </FormField>
    </FormDialog>
  );
}
