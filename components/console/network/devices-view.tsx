"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Network, Plus, Waypoints } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { DEVICE_ROLES, DEVICE_STATUSES } from "@/server/modules/devices/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { DeviceFormDialog } from "./device-form-dialog";
import { devicesListInput } from "./list-query";
import { DeviceStatusBadge, ROLE_LABELS, STATUS_LABELS } from "./status";

type Row = {
  id: string;
  name: string;
  serial: string | null;
  mac: string | null;
  status: (typeof DEVICE_STATUSES)[number];
  role: (typeof DEVICE_ROLES)[number];
  model: string;
  firmware: string | null;
  siteName: string | null;
};

export function DevicesView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["role", "status"]);
  const input = devicesListInput(list);
  const query = useQuery(trpc.devices.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const [adding, setAdding] = React.useState(false);

  const columns: Columns<Row> = [
    {
      label: "Device",
      cell: (d) => (
        <>
          <Link href={`/network/devices/${d.id}`} className="font-medium underline-offset-4 hover:underline">
            {d.name}
          </Link>
          <div className="text-xs text-muted-foreground">{d.model}</div>
        </>
      ),
    },
    { label: "Role", className: "hidden sm:table-cell", cell: (d) => ROLE_LABELS[d.role] },
    { label: "Site", className: "hidden md:table-cell", cell: (d) => d.siteName ?? "—" },
    {
      label: "Serial",
      className: "hidden md:table-cell",
      cellClassName: "font-mono text-xs",
      cell: (d) => d.serial ?? "—",
    },
    {
      label: "MAC",
      className: "hidden lg:table-cell",
      cellClassName: "font-mono text-xs text-muted-foreground",
      cell: (d) => d.mac ?? "—",
    },
    { label: "Status", cell: (d) => <DeviceStatusBadge status={d.status} /> },
  ];

  return (
    <>
      <PageHeader
        title="Devices"
        description="Routers, switches, OLTs, ONTs, access points, CPEs and servers, and how they are cabled."
        actions={
          <div className="flex gap-2">
            <Button asChild variant="outline">
              <Link href="/network/map">
                <Waypoints aria-hidden />
                Map
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/network/device-types">Device types</Link>
            </Button>
            {canManage ? (
              <Button onClick={() => setAdding(true)}>
                <Plus aria-hidden />
                Add device
              </Button>
            ) : null}
          </div>
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["device", "devices"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="devices-search"
              label="Search devices"
              placeholder="Name, serial or MAC"
              value={list.search}
              onSearch={list.setSearch}
            />
            <FilterSelect
              id="devices-role"
              label="Role"
              allLabel="All roles"
              value={input.role}
              onChange={(v) => list.setFilter({ role: v })}
              options={optionsFrom(DEVICE_ROLES, ROLE_LABELS)}
              className="sm:w-44"
            />
            <FilterSelect
              id="devices-status"
              label="Status"
              allLabel="All statuses"
              value={input.status}
              onChange={(v) => list.setFilter({ status: v })}
              options={optionsFrom(DEVICE_STATUSES, STATUS_LABELS)}
              className="sm:w-44"
            />
          </ListToolbar>
        }
        columns={columns}
        rowKey={(d) => d.id}
        empty={{
          icon: <Network />,
          title: "No devices yet",
          description: canManage
            ? "Add your core router first, then the switches, OLTs and access points behind it, and cable them together."
            : "When a network administrator adds the company's equipment, it appears here.",
          action: canManage ? (
            <Button onClick={() => setAdding(true)}>
              <Plus aria-hidden />
              Add device
            </Button>
          ) : undefined,
        }}
        noMatch={
          list.filtered && {
            title: "No devices match",
            description: "Try another search, role or status.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
      {canManage ? <DeviceFormDialog open={adding} onOpenChange={setAdding} device={null} /> : null}
    </>
  );
}
