"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Gauge, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { policySchema } from "@/server/modules/bandwidth/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import { formatSpeed } from "./format";
import { formatScaled, parseScaled } from "./package-form";
import { policiesListInput } from "./policies-query";

type Row = RouterOutputs["bandwidth"]["policies"]["list"]["rows"][number];

const hourText = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** Named QoS policies packages refer to: list, search, create, edit, delete an unused one. */
export function PoliciesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q"]);
  const query = useQuery(
    trpc.bandwidth.policies.list.queryOptions(policiesListInput(list), { placeholderData: keepPreviousData }),
  );
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const remove = useMutation(trpc.bandwidth.policies.delete.mutationOptions());
  // A refused delete's toast says why (e.g. "used by 2 packages: choose another policy for them first").
  const act = useToastAction(trpc.bandwidth.policies.pathFilter());
  const columns: Columns<Row> = [
    { label: "Policy", cellClassName: "font-medium", cell: (p) => p.name },
    { label: "Speed", cellClassName: "whitespace-nowrap", cell: (p) => formatSpeed(p.downloadKbps, p.uploadKbps) },
    {
      label: "Fair use",
      className: "hidden md:table-cell",
      cellClassName: "whitespace-nowrap",
      cell: (p) =>
        p.fupDownloadKbps || p.fupUploadKbps
          ? formatSpeed(p.fupDownloadKbps ?? p.downloadKbps, p.fupUploadKbps ?? p.uploadKbps)
          : "—",
    },
    {
      label: "Free hours",
      className: "hidden md:table-cell",
      cell: (p) =>
        p.freeFromHour != null && p.freeToHour != null ? `${hourText(p.freeFromHour)}–${hourText(p.freeToHour)}` : "—",
    },
    { label: "Priority", className: "hidden lg:table-cell", cell: (p) => p.priority ?? "—" },
    { label: "Packages", className: "text-right", cellClassName: "tabular-nums", cell: (p) => p._count.packages },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cellClassName: "space-x-2 whitespace-nowrap text-right",
      cell: (p) => (
        <>
          <Button size="sm" variant="outline" onClick={() => setEditing(p)}>
            Edit<span className="sr-only"> {p.name}</span>
          </Button>
          <Button
            size="sm"
            variant="outline"
            disabled={act.pending || p._count.packages > 0}
            title={p._count.packages > 0 ? "In use by packages" : undefined}
            onClick={() =>
              act(async () => {
                await remove.mutateAsync({ id: p.id });
                return "Policy deleted";
              }, "Could not delete the policy")
            }
          >
            Delete<span className="sr-only"> {p.name}</span>
          </Button>
        </>
      ),
    },
  ];
  const addButton = canManage ? (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden />
      New policy
    </Button>
  ) : null;
  return (
    <>
      <PageHeader
        title="Bandwidth policies"
        description={
          <>
            Named speeds, bursts, priority, fair-use speeds and free night hours that{" "}
            <Link className="underline" href="/packages">
              packages
            </Link>{" "}
            refer to. RADIUS gives them to the router at each login.
          </>
        }
        actions={addButton}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["policy", "policies"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="policies-search"
              label="Search policies"
              placeholder="Policy name"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(p) => p.id}
        empty={{
          icon: <Gauge />,
          title: "No bandwidth policies yet",
          description: canManage
            ? "Packages use their own speeds. Add a policy to share speeds, burst and fair use between packages."
            : "Packages use their own speeds. A network administrator adds policies.",
          action: addButton ?? undefined,
        }}
        noMatch={
          list.filtered && { title: "No policies match", description: "Try another name.", onClear: list.clearFilters }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <PolicyDialog
          policy={editing === "new" ? null : editing}
          open={editing !== null}
          onOpenChange={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type FormIn = {
  name: string;
  description: string;
  downloadKbps: string;
  uploadKbps: string;
  burstDownloadKbps: string;
  burstUploadKbps: string;
  burstTimeSeconds: string;
  priority: string;
  fupDownloadKbps: string;
  fupUploadKbps: string;
  addressList: string;
  freeFromHour: string;
  freeToHour: string;
};
const SPEEDS = [
  "downloadKbps",
  "uploadKbps",
  "burstDownloadKbps",
  "burstUploadKbps",
  "fupDownloadKbps",
  "fupUploadKbps",
] as const;
const WHOLE = ["burstTimeSeconds", "priority", "freeFromHour", "freeToHour"] as const;

/** The form's text (speeds in Mbit/s) → the module's input, checked by the module's own schema. */
const formSchema = z.preprocess((raw) => {
  const v = raw as FormIn;
  const out: Record<string, unknown> = { ...v, description: v.description || null, addressList: v.addressList || null };
  for (const k of SPEEDS) out[k] = v[k].trim() ? (parseScaled(v[k], 3) ?? Number.NaN) : null;
  for (const k of WHOLE) out[k] = v[k].trim() ? (/^\d+$/.test(v[k].trim()) ? Number(v[k]) : Number.NaN) : null;
  return out;
}, policySchema);

function PolicyDialog({ policy, open, onOpenChange }: { policy: Row | null; open: boolean; onOpenChange: () => void }) {
  const trpc = useTRPC();
  const text = (n: number | null | undefined) => (n == null ? "" : String(n));
  const form = useDialogForm<FormIn, z.output<typeof policySchema>>(
    open,
    () => ({
      name: policy?.name ?? "",
      description: policy?.description ?? "",
      downloadKbps: formatScaled(policy?.downloadKbps, 3),
      uploadKbps: formatScaled(policy?.uploadKbps, 3),
      burstDownloadKbps: formatScaled(policy?.burstDownloadKbps, 3),
      burstUploadKbps: formatScaled(policy?.burstUploadKbps, 3),
      burstTimeSeconds: text(policy?.burstTimeSeconds),
      priority: text(policy?.priority),
      fupDownloadKbps: formatScaled(policy?.fupDownloadKbps, 3),
      fupUploadKbps: formatScaled(policy?.fupUploadKbps, 3),
      addressList: policy?.addressList ?? "",
      freeFromHour: text(policy?.freeFromHour),
      freeToHour: text(policy?.freeToHour),
    }),
    { resolver: zodResolver(formSchema as unknown as z.ZodType<z.output<typeof policySchema>, FormIn>) },
  );
  const create = useMutation(trpc.bandwidth.policies.create.mutationOptions());
  const update = useMutation(trpc.bandwidth.policies.update.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (data) => (policy ? update.mutateAsync({ id: policy.id, data }) : create.mutateAsync(data)),
    refresh: trpc.bandwidth.policies.pathFilter(),
    saved: (values) => (policy ? `${values.name} saved` : `${values.name} added`),
    done: onOpenChange,
  });
  const speed = (name: (typeof SPEEDS)[number], label: string, description?: string, required = false) => (
    <FormField label={label} error={errors[name]?.message} description={description} required={required}>
      <Input inputMode="decimal" autoComplete="off" {...form.register(name)} />
    </FormField>
  );
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={policy ? `Edit ${policy.name}` : "New bandwidth policy"}
      description="Speeds in Mbit/s. Packages on this policy get these speeds at their subscribers' next login."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={policy ? "Save" : "Add policy"}
    >
      <FormField label="Name" required error={errors.name?.message}>
        <Input autoComplete="off" placeholder="Home 20M" {...form.register("name")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        {speed("downloadKbps", "Download (Mbit/s)", undefined, true)}
        {speed("uploadKbps", "Upload (Mbit/s)", undefined, true)}
        {speed("burstDownloadKbps", "Burst download (Mbit/s)", "Optional; at least the download speed.")}
        {speed("burstUploadKbps", "Burst upload (Mbit/s)")}
        <FormField label="Burst time (seconds)" error={errors.burstTimeSeconds?.message}>
          <Input inputMode="numeric" {...form.register("burstTimeSeconds")} />
        </FormField>
        <FormField label="Priority" error={errors.priority?.message} description="1 (highest) to 8 (lowest).">
          <Input inputMode="numeric" {...form.register("priority")} />
        </FormField>
        {speed("fupDownloadKbps", "Fair-use download (Mbit/s)", "Speed once the cycle's data cap is used up.")}
        {speed("fupUploadKbps", "Fair-use upload (Mbit/s)")}
        <FormField
          label="Free from (hour)"
          error={errors.freeFromHour?.message}
          description="Usage between these hours (your time zone) does not count toward the cap, e.g. 1 to 6."
        >
          <Input inputMode="numeric" placeholder="1" {...form.register("freeFromHour")} />
        </FormField>
        <FormField label="Free until (hour)" error={errors.freeToHour?.message}>
          <Input inputMode="numeric" placeholder="6" {...form.register("freeToHour")} />
        </FormField>
      </div>
      <FormField
        label="Router address list"
        error={errors.addressList?.message}
        description="Optional: the MikroTik firewall address list for these subscribers (Mikrotik-Address-List)."
      >
        <Input autoComplete="off" className="font-mono" {...form.register("addressList")} />
      </FormField>
      <FormField label="Description" error={errors.description?.message}>
        <Input autoComplete="off" {...form.register("description")} />
      </FormField>
    </FormDialog>
  );
}
