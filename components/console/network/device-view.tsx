"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Cable, Pencil, Plus, SearchX, Trash2, Unplug, Users } from "lucide-react";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { createLinkSchema, LINK_KINDS } from "@/server/modules/devices/schema";
import type { RouterOutputs } from "../types";
import { DataList, type Columns } from "../data-list";
import { DetailPage } from "../detail-page";
import { errorMessage, formErrorOf, setFormError } from "../errors";
import { FormDialog } from "../form-dialog";
import { formatDateTime } from "../format";
import { useDialogForm } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import { DeviceFormDialog } from "./device-form-dialog";
import { DeviceTraffic } from "./device-traffic";
import { DeleteInterfaceDialog, InterfaceDialog, KIND_LABELS } from "./interface-dialogs";
import { ManagementIpDialog } from "./management-ip-dialog";
import { DeviceStatusBadge, ROLE_LABELS } from "./status";
import { formatAccountNumber } from "@/server/modules/customers/schema";

type Device = RouterOutputs["devices"]["get"];
type Port = Device["interfaces"][number];
type Behind = RouterOutputs["devices"]["customersBehind"]["rows"][number];

const LINK_LABELS: Record<(typeof LINK_KINDS)[number], string> = {
  COPPER: "Copper",
  FIBRE: "Fibre",
  WIRELESS: "Wireless",
};

export function DeviceView({
  id,
  timeZone,
  canManage,
  canSeeCustomers,
}: {
  id: string;
  timeZone: string;
  canManage: boolean;
  canSeeCustomers: boolean;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.devices.get.queryOptions({ id }));
  return (
    <DetailPage
      query={query}
      what="device"
      back={{ href: "/network/devices", label: "Devices" }}
      backClassName="mb-3"
      skeleton={<Skeleton className="h-64 w-full" />}
      notFound={
        <EmptyState
          icon={<SearchX />}
          title="This device does not exist"
          description="It may have been opened from an old or mistyped link, or it is not on one of your jobs."
          action={
            <Button asChild variant="outline">
              <Link href="/network/devices">All devices</Link>
            </Button>
          }
        />
      }
    >
      {(d) => <DeviceDetail d={d} timeZone={timeZone} canManage={canManage} canSeeCustomers={canSeeCustomers} />}
    </DetailPage>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

function DeviceDetail({
  d,
  timeZone,
  canManage,
  canSeeCustomers,
}: {
  d: Device;
  timeZone: string;
  canManage: boolean;
  canSeeCustomers: boolean;
}) {
  const trpc = useTRPC();
  const [connecting, setConnecting] = React.useState<Port | null>(null);
  const [editing, setEditing] = React.useState(false);
  /** The port being edited, or "new" for the add dialog. */
  const [portForm, setPortForm] = React.useState<Port | "new" | null>(null);
  const [deleting, setDeleting] = React.useState<Port | null>(null);
  const [addressing, setAddressing] = React.useState(false);
  const unplug = useMutation(trpc.devices.deleteLink.mutationOptions());
  const unplugging = useToastAction(trpc.devices.pathFilter());
  const snmp =
    d.snmp.version === "V2C"
      ? "v2c (community set)"
      : d.snmp.version === "V3"
        ? `v3, user ${d.snmp.user}${d.snmp.authProtocol ? `, ${d.snmp.authProtocol}` : ""}${d.snmp.privProtocol ? `/${d.snmp.privProtocol}` : ""}`
        : "Not set";
  return (
    <div className="grid gap-6">
      <PageHeader
        title={d.name}
        description={`${d.model} · ${ROLE_LABELS[d.role]}`}
        actions={
          <div className="flex items-center gap-2">
            <DeviceStatusBadge status={d.status} />
            {canManage ? (
              <Button variant="outline" onClick={() => setEditing(true)}>
                <Pencil aria-hidden />
                Edit device
              </Button>
            ) : null}
          </div>
        }
      />
      <Card>
        <CardContent className="pt-6">
          <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-4">
            <Fact label="Site">{d.siteName ?? "—"}</Fact>
            <Fact label="Serial">{d.serial ?? "—"}</Fact>
            <Fact label="MAC">{d.mac ?? "—"}</Fact>
            <Fact label="Management IP">
              <span className="font-mono" data-testid="management-ip">
                {d.managementIp ?? "—"}
              </span>
              {canManage ? (
                <Button
                  variant="link"
                  size="sm"
                  className="ml-2 h-auto p-0"
                  aria-label={`${d.managementIp ? "Change" : "Assign"} the management IP`}
                  onClick={() => setAddressing(true)}
                >
                  {d.managementIp ? "Change" : "Assign"}
                </Button>
              ) : null}
            </Fact>
            <Fact label="Firmware">{d.firmware ?? "—"}</Fact>
            <Fact label="Rack">{d.rack ? `${d.rack}${d.rackUnit ? ` U${d.rackUnit}` : ""}` : "—"}</Fact>
            <Fact label="SNMP">{snmp}</Fact>
            <Fact label="Updated">{formatDateTime(d.updatedAt, timeZone)}</Fact>
          </dl>
          {d.notes ? <p className="mt-4 text-sm whitespace-pre-line text-muted-foreground">{d.notes}</p> : null}
        </CardContent>
      </Card>

      {canSeeCustomers ? <DeviceTraffic deviceId={d.id} timeZone={timeZone} /> : null}

      <Card>
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>Interfaces</CardTitle>
            <CardDescription>
              Each port is on at most one link. Upstream is towards the core, downstream towards customers.
            </CardDescription>
          </div>
          {canManage ? (
            <Button variant="outline" size="sm" onClick={() => setPortForm("new")}>
              <Plus aria-hidden />
              Add interface
            </Button>
          ) : null}
        </CardHeader>
        <CardContent>
          {d.interfaces.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              This device has no interfaces yet; its device type lists no ports.
              {canManage ? " Add its ports with “Add interface”." : ""}
            </p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Interface</TableHead>
                  <TableHead className="hidden sm:table-cell">Kind</TableHead>
                  <TableHead>Link</TableHead>
                  {canManage ? <TableHead className="w-44 text-right">Actions</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.interfaces.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell className="font-mono text-sm">
                      {i.name}
                      {i.enabled ? null : <span className="ml-2 text-xs text-muted-foreground">(disabled)</span>}
                    </TableCell>
                    <TableCell className="hidden text-muted-foreground sm:table-cell">
                      {KIND_LABELS[i.kind]}
                      {i.ponStandard ? ` · ${i.ponStandard.replace("_", "-")}` : ""}
                    </TableCell>
                    <TableCell>
                      {i.link ? (
                        <>
                          {i.link.direction === "upstream" ? "↑ " : "↓ "}
                          <Link
                            href={`/network/devices/${i.link.deviceId}`}
                            className="underline-offset-4 hover:underline"
                          >
                            {i.link.deviceName}
                          </Link>{" "}
                          <span className="font-mono text-xs">{i.link.interfaceName}</span>
                          <span className="text-xs text-muted-foreground"> · {LINK_LABELS[i.link.kind]}</span>
                        </>
                      ) : i.attachedSubscriptions ? (
                        // A PON or access port feeds customers straight, not another device.
                        <span>
                          {i.attachedSubscriptions === 1
                            ? "1 customer attached"
                            : `${i.attachedSubscriptions} customers attached`}
                        </span>
                      ) : (
                        <span className="text-muted-foreground">Not cabled</span>
                      )}
                    </TableCell>
                    {canManage ? (
                      <TableCell className="text-right whitespace-nowrap">
                        {i.link ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={`Remove the link on ${i.name}`}
                            disabled={unplugging.pending}
                            onClick={() =>
                              unplugging(async () => {
                                await unplug.mutateAsync({ id: i.link!.linkId });
                                return "Link removed";
                              }, "Could not remove the link")
                            }
                          >
                            <Unplug aria-hidden />
                          </Button>
                        ) : (
                          <Button variant="ghost" size="sm" onClick={() => setConnecting(i)}>
                            <Cable aria-hidden />
                            Connect
                          </Button>
                        )}
                        <Button variant="ghost" size="sm" aria-label={`Edit ${i.name}`} onClick={() => setPortForm(i)}>
                          <Pencil aria-hidden />
                        </Button>
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Delete ${i.name}`}
                          onClick={() => setDeleting(i)}
                        >
                          <Trash2 aria-hidden />
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Open tickets</CardTitle>
          </CardHeader>
          <CardContent>
            {d.openTickets.length === 0 ? (
              <p className="text-sm text-muted-foreground">No open ticket names this device.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {d.openTickets.map((t) => (
                  <li key={t.id}>
                    <Link href={`/tickets/${t.id}`} className="font-medium underline-offset-4 hover:underline">
                      #{t.number} {t.subject}
                    </Link>
                    <span className="text-muted-foreground"> · {t.status.replace(/_/g, " ").toLowerCase()}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Open jobs</CardTitle>
          </CardHeader>
          <CardContent>
            {d.openJobs.length === 0 ? (
              <p className="text-sm text-muted-foreground">No scheduled or running work order involves this device.</p>
            ) : (
              <ul className="grid gap-2 text-sm">
                {d.openJobs.map((w) => (
                  <li key={w.id}>
                    <Link href={`/work-orders/${w.id}`} className="font-medium underline-offset-4 hover:underline">
                      #{w.number} {w.title}
                    </Link>
                    <span className="text-muted-foreground"> · {formatDateTime(w.windowStart, timeZone)}</span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      {canSeeCustomers ? <CustomersBehind deviceId={d.id} /> : null}
      {canManage ? (
        <>
          <ConnectDialog port={connecting} device={d} onClose={() => setConnecting(null)} />
          <DeviceFormDialog open={editing} onOpenChange={setEditing} device={d} />
          <InterfaceDialog
            openFor={portForm}
            deviceId={d.id}
            port={portForm === "new" ? null : portForm}
            onClose={() => setPortForm(null)}
          />
          <DeleteInterfaceDialog port={deleting} onClose={() => setDeleting(null)} />
          <ManagementIpDialog device={addressing ? d : null} onClose={() => setAddressing(false)} />
        </>
      ) : null}
    </div>
  );
}

function CustomersBehind({ deviceId }: { deviceId: string }) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(1);
  const query = useQuery(
    trpc.devices.customersBehind.queryOptions({ deviceId, page, pageSize: 25 }, { placeholderData: keepPreviousData }),
  );
  const columns: Columns<Behind> = [
    {
      label: "Customer",
      cell: (c) => (
        <Link href={`/customers/${c.customerId}`} className="font-medium underline-offset-4 hover:underline">
          {c.customerName} <span className="text-xs text-muted-foreground">{formatAccountNumber(c.accountNumber)}</span>
        </Link>
      ),
    },
    { label: "Package", className: "hidden sm:table-cell", cell: (c) => c.packageName },
    {
      label: "Login",
      className: "hidden md:table-cell",
      cellClassName: "font-mono text-xs",
      cell: (c) => c.pppoeUsername ?? "—",
    },
    { label: "Status", cell: (c) => c.status.toLowerCase() },
  ];
  return (
    <section aria-labelledby="customers-behind">
      <h2 id="customers-behind" className="mb-2 text-lg font-semibold">
        Customers behind this device
      </h2>
      <DataList
        query={query}
        data={query.data}
        noun={["customer", "customers"]}
        columns={columns}
        rowKey={(c) => c.subscriptionId}
        empty={{
          icon: <Users />,
          title: "No customers behind this device",
          description:
            "Customers appear here when their CPE or ONT is on this device or downstream of it: attach a subscription's CPE, or cable this device towards the customers.",
        }}
        onPageChange={setPage}
      />
    </section>
  );
}

type LinkIn = z.input<typeof createLinkSchema>;
type LinkOut = z.output<typeof createLinkSchema>;

/** Cables one of this device's ports to a port of another device, this side upstream or downstream. */
function ConnectDialog({ port, device, onClose }: { port: Port | null; device: Device; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [search, setSearch] = React.useState("");
  const [farDeviceId, setFarDeviceId] = React.useState("");
  const [thisSide, setThisSide] = React.useState<"upstream" | "downstream">("upstream");
  const devices = useQuery(
    trpc.devices.list.queryOptions({ q: search || undefined, pageSize: 50 }, { enabled: !!port }),
  );
  const far = useQuery(trpc.devices.get.queryOptions({ id: farDeviceId }, { enabled: !!farDeviceId }));
  const form = useDialogForm<LinkIn, LinkOut>(
    port,
    () => ({ kind: "FIBRE", aInterfaceId: port?.id ?? "", bInterfaceId: "", label: "" }),
    { resolver: zodResolver(createLinkSchema) },
  );
  const create = useMutation(trpc.devices.createLink.mutationOptions());
  const farPort = form.watch("bInterfaceId");
  const onSubmit = form.handleSubmit(async (values) => {
    // The form keeps this port in aInterfaceId; swap the ends when this side is downstream.
    const input =
      thisSide === "upstream"
        ? values
        : { ...values, aInterfaceId: values.bInterfaceId, bInterfaceId: values.aInterfaceId };
    try {
      await create.mutateAsync(input);
      await queryClient.invalidateQueries(trpc.devices.pathFilter());
      toast({ variant: "success", title: `${device.name} ${port?.name} is connected` });
      onClose();
    } catch (err) {
      // The server names the link's ends (a, b), which are this port and the far one in either
      // order: its whole sentence ("core-1 ether2 is already cabled…") goes above the form, and
      // the far port's select is marked when the far end is the one refused.
      const farEnd = thisSide === "upstream" ? "bInterfaceId" : "aInterfaceId";
      const fields = fieldErrors(err);
      setFormError(form, errorMessage(err));
      if (fields[farEnd]) form.setError("bInterfaceId", { type: "server", message: fields[farEnd] });
      // Someone else may have cabled a port meanwhile: show the ports as they are now.
      await queryClient.invalidateQueries(trpc.devices.pathFilter());
    }
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!port}
      onOpenChange={(o) => (o ? null : onClose())}
      title={`Connect ${device.name} ${port?.name ?? ""}`}
      description="Choose the port at the other end. Links run from upstream (towards the core) to downstream (towards the customers)."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={create.isPending}
      submitLabel="Connect"
      submitDisabled={!farPort}
    >
      <FormField label="This port is">
        <NativeSelect value={thisSide} onChange={(e) => setThisSide(e.target.value as "upstream" | "downstream")}>
          <option value="upstream">Upstream: the other device is behind it</option>
          <option value="downstream">Downstream: the other device feeds it</option>
        </NativeSelect>
      </FormField>
      <FormField label="Find the other device">
        <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or serial" />
      </FormField>
      <FormField label="Other device">
        <NativeSelect
          value={farDeviceId}
          onChange={(e) => {
            setFarDeviceId(e.target.value);
            form.setValue("bInterfaceId", "");
          }}
        >
          <option value="">Choose a device</option>
          {devices.data?.rows
            .filter((r) => r.id !== device.id)
            .map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.model})
              </option>
            ))}
        </NativeSelect>
      </FormField>
      <FormField label="Its port" error={errors.bInterfaceId?.message}>
        <NativeSelect {...form.register("bInterfaceId")} disabled={!far.data}>
          <option value="">Choose a port</option>
          {far.data?.interfaces.map((i) => (
            <option key={i.id} value={i.id} disabled={!!i.link}>
              {i.name}
              {i.link ? " (cabled)" : ""}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField label="Kind" error={errors.kind?.message}>
        <NativeSelect {...form.register("kind")}>
          {LINK_KINDS.map((k) => (
            <option key={k} value={k}>
              {LINK_LABELS[k]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
    </FormDialog>
  );
}
