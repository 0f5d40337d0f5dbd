"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Boxes, Pencil, Plus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { DEVICE_ROLES } from "@/server/modules/devices/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import type { RouterOutputs } from "../types";
import { DeviceTypeDialog, ManufacturerDialog } from "./catalogue-dialogs";
import { deviceTypesListInput } from "./list-query";
import { ROLE_LABELS } from "./status";

type Row = RouterOutputs["devices"]["deviceTypes"]["rows"][number];

export function DeviceTypesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  /** The type being edited, or "new". */
  const [typeForm, setTypeForm] = React.useState<Row | "new" | null>(null);
  const [makerForm, setMakerForm] = React.useState<{ id: string; name: string } | "new" | null>(null);
  const [renaming, setRenaming] = React.useState("");
  const makers = useQuery(trpc.devices.manufacturers.queryOptions(undefined, { enabled: canManage }));
  const list = useListUrl(["role"]);
  const input = deviceTypesListInput(list);
  const query = useQuery(trpc.devices.deviceTypes.queryOptions(input, { placeholderData: keepPreviousData }));
  const columns: Columns<Row> = [
    { label: "Manufacturer", cell: (t) => t.manufacturer.name },
    { label: "Model", cellClassName: "font-medium", cell: (t) => t.model },
    { label: "Role", cell: (t) => ROLE_LABELS[t.role] },
    {
      label: "Ports",
      className: "hidden text-right sm:table-cell",
      cellClassName: "tabular-nums",
      cell: (t) => t.ports,
    },
    { label: "Devices", className: "text-right", cellClassName: "tabular-nums", cell: (t) => t.devices },
    ...(canManage
      ? ([
          {
            label: "Actions",
            className: "w-20 text-right",
            cellClassName: "text-right",
            cell: (t) => (
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Edit ${t.manufacturer.name} ${t.model}`}
                onClick={() => setTypeForm(t)}
              >
                <Pencil aria-hidden />
              </Button>
            ),
          },
        ] satisfies Columns<Row>)
      : []),
  ];
  return (
    <>
      <PageHeader
        title="Device types"
        description="The models your network runs. A new device gets its type's ports as interfaces."
        actions={
          canManage ? (
            <div className="flex flex-wrap gap-2">
              <NativeSelect
                aria-label="Rename a manufacturer"
                className="w-48"
                value={renaming}
                onChange={(e) => {
                  const m = makers.data?.find((x) => x.id === e.target.value);
                  setRenaming("");
                  if (m) setMakerForm(m);
                }}
              >
                <option value="">Rename a manufacturer…</option>
                {makers.data?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </NativeSelect>
              <Button variant="outline" onClick={() => setMakerForm("new")}>
                <Plus aria-hidden />
                Add manufacturer
              </Button>
              <Button onClick={() => setTypeForm("new")}>
                <Plus aria-hidden />
                Add device type
              </Button>
            </div>
          ) : undefined
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["device type", "device types"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="types-search"
              label="Search device types"
              placeholder="Manufacturer or model"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="types-role"
              label="Role"
              allLabel="All roles"
              value={input.role}
              onChange={(v) => list.setFilter({ role: v })}
              options={optionsFrom(DEVICE_ROLES, ROLE_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(t) => t.id}
        empty={{
          icon: <Boxes />,
          title: "No device types yet",
          description: canManage
            ? "The catalogue starts with common MikroTik, Ubiquiti and Huawei models; add yours with “Add device type”."
            : "The catalogue starts with common MikroTik, Ubiquiti and Huawei models; ask a network administrator to add yours.",
        }}
        noMatch={
          list.filtered && {
            title: "No device types match",
            description: "Try another search or role.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <>
          <DeviceTypeDialog
            openFor={typeForm}
            type={typeForm === "new" ? null : typeForm}
            onClose={() => setTypeForm(null)}
          />
          <ManufacturerDialog
            openFor={makerForm}
            maker={makerForm === "new" ? null : makerForm}
            onClose={() => setMakerForm(null)}
          />
        </>
      ) : null}
    </>
  );
}
