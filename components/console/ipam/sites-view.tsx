"use client";

import * as React from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { MapPin, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { createSiteSchema, SITE_STATUS_LABELS, SITE_STATUSES } from "@/server/modules/ipam/sites.schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { formErrorOf } from "../errors";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { sitesListInput } from "./list-query";
import { NameProposingSlug } from "./dialog-fields";
import { IpamHeader } from "./parts";

type Row = RouterOutputs["ipam"]["sites"]["list"]["rows"][number];

export function SitesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q"]);
  const input = sitesListInput(list);
  const query = useQuery(trpc.ipam.sites.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [editing, setEditing] = React.useState<Row | "new" | null>(null);
  const columns: Columns<Row> = [
    {
      label: "Site",
      cell: (s) => (
        <>
          <div className="font-medium">{s.name}</div>
          <div className="text-xs text-muted-foreground">{s.slug}</div>
        </>
      ),
    },
    { label: "Code", className: "hidden sm:table-cell", cellClassName: "font-mono", cell: (s) => s.code ?? "—" },
    { label: "Status", cell: (s) => <Badge variant="secondary">{SITE_STATUS_LABELS[s.status]}</Badge> },
    { label: "Address", className: "hidden md:table-cell", cell: (s) => s.address ?? "—" },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cell: (s) => (
        <Button size="sm" variant="outline" onClick={() => setEditing(s)}>
          Edit<span className="sr-only"> {s.name}</span>
        </Button>
      ),
    },
  ];
  const addButton = canManage ? (
    <Button onClick={() => setEditing("new")}>
      <Plus aria-hidden />
      Add site
    </Button>
  ) : null;
  return (
    <>
      <IpamHeader
        description="Your points of presence: where devices stand and which prefixes and VLANs serve them."
        actions={addButton}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["site", "sites"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="sites-search"
              label="Search sites"
              placeholder="Name, code or address"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(s) => s.id}
        empty={{
          icon: <MapPin />,
          title: "No sites yet",
          description: canManage
            ? "Add your main POP first; devices, prefixes and VLANs can then be placed at it."
            : "When a network administrator adds the company's POPs, they appear here.",
          action: addButton ?? undefined,
        }}
        noMatch={
          list.filtered && { title: "No sites match", description: "Try another search.", onClear: list.clearFilters }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <SiteDialog
          site={editing === "new" ? null : editing}
          open={editing !== null}
          onOpenChange={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

type FormIn = z.input<typeof createSiteSchema>;
type FormOut = z.output<typeof createSiteSchema>;

function SiteDialog({
  site,
  open,
  onOpenChange,
}: {
  site: Row | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const form = useDialogForm<FormIn, FormOut>(
    open,
    () => ({
      name: site?.name ?? "",
      slug: site?.slug ?? "",
      code: site?.code ?? "",
      address: site?.address ?? "",
      latitude: site?.latitude ?? "",
      longitude: site?.longitude ?? "",
      status: site?.status ?? "ACTIVE",
      description: site?.description ?? "",
    }),
    { resolver: zodResolver(createSiteSchema) },
  );
  const create = useMutation(trpc.ipam.sites.create.mutationOptions());
  const update = useMutation(trpc.ipam.sites.update.mutationOptions());
  const { errors } = form.formState;
  const onSubmit = useSaveSubmit(form, {
    save: (values) => (site ? update.mutateAsync({ ...values, id: site.id }) : create.mutateAsync(values)),
    refresh: trpc.ipam.sites.pathFilter(),
    saved: (values) => (site ? `${values.name} saved` : `${values.name} added`),
    done: () => onOpenChange(false),
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={onOpenChange}
      title={site ? `Edit ${site.name}` : "Add a site"}
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending || update.isPending}
      submitLabel={site ? "Save" : "Add site"}
    >
      <NameProposingSlug
        field={form.register("name")}
        error={errors.name?.message}
        slugTouched={() => form.getFieldState("slug").isDirty}
        proposeSlug={(slug) => form.setValue("slug", slug)}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Slug" required error={errors.slug?.message}>
          <Input autoComplete="off" {...form.register("slug")} />
        </FormField>
        <FormField label="Code" error={errors.code?.message} description="A short tag, e.g. NBO1.">
          <Input autoComplete="off" {...form.register("code")} />
        </FormField>
        <FormField label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {SITE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SITE_STATUS_LABELS[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Address" error={errors.address?.message}>
          <Input autoComplete="off" {...form.register("address")} />
        </FormField>
        <FormField label="Latitude" error={errors.latitude?.message}>
          <Input inputMode="decimal" autoComplete="off" {...form.register("latitude")} />
        </FormField>
        <FormField label="Longitude" error={errors.longitude?.message}>
          <Input inputMode="decimal" autoComplete="off" {...form.register("longitude")} />
        </FormField>
      </div>
    </FormDialog>
  );
}
