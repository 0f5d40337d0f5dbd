"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Boxes } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { DEVICE_ROLES } from "@/server/modules/devices/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import type { RouterOutputs } from "../types";
import { deviceTypesListInput } from "./list-query";
import { ROLE_LABELS } from "./status";

type Row = RouterOutputs["devices"]["deviceTypes"]["rows"][number];

export function DeviceTypesView() {
  const trpc = useTRPC();
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
  ];
  return (
    <>
      <PageHeader
        title="Device types"
        description="The models your network runs. A new device gets its type's ports as interfaces."
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
          description:
            "The catalogue starts with common MikroTik, Ubiquiti and Huawei models; ask a network administrator to add yours.",
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
    </>
  );
}
