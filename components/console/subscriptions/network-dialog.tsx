"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { errorMessage, FormError, QueryError } from "../errors";
import { PoolSelect } from "../ipam/pool-select";

export type NetworkPermissions = {
  /** subscriptions:set_address with network:read (the pools): allocate, change and release addresses. */
  canSetAddress: boolean;
  /** devices:manage: attach the subscription to an access port. */
  canAttach: boolean;
};

/**
 * "Address and access": the subscription's IPv4 address from an IPAM pool, its delegated IPv6
 * prefix, and the access port it hangs off (which places the customer behind that device on the
 * map). Everyone who reads subscriptions sees them; only network administrators change them.
 */
export function NetworkDialog({
  subscriptionId,
  title,
  onClose,
  canSetAddress,
  canAttach,
}: {
  subscriptionId: string | null;
  title: string;
  onClose: () => void;
} & NetworkPermissions) {
  const trpc = useTRPC();
  const network = useQuery(
    trpc.subscriptions.network.queryOptions({ id: subscriptionId ?? "" }, { enabled: !!subscriptionId }),
  );
  const n = network.data;
  const editable = n && n.status !== "TERMINATED";
  return (
    <Dialog open={!!subscriptionId} onOpenChange={(o) => (!o ? onClose() : undefined)}>
      <DialogContent className="max-h-[85vh] overflow-y-auto sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Address and access: {title}</DialogTitle>
          <DialogDescription>
            Where this subscription is on the network. Changes reach the NAS at the next sync of an active subscription.
          </DialogDescription>
        </DialogHeader>
        {network.isError ? (
          <QueryError error={network.error} onRetry={() => network.refetch()} />
        ) : !n ? (
          <div className="space-y-2" aria-busy="true">
            <Skeleton className="h-5 w-full" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : (
          <div className="grid gap-6">
            <AddressSection id={n.id} address={n.staticIp} canEdit={!!editable && canSetAddress} />
            <DelegatedPrefixSection id={n.id} prefix={n.delegatedPrefix} canEdit={!!editable && canSetAddress} />
            <AccessSection id={n.id} attached={n.accessInterface} cpe={n.cpeDevice} canEdit={!!editable && canAttach} />
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** After a change: this dialog, the customer's subscription rows and the IPAM lists are stale. */
function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.subscriptions.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.ipam.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.devices.pathKey() }),
    ]);
}

function Current({ label, value, children }: { label: string; value: string | null; children?: React.ReactNode }) {
  return (
    <div className="flex items-center justify-between gap-3">
      <div>
        <div className="text-sm text-muted-foreground">{label}</div>
        <div className="font-mono" data-testid={`current-${label.toLowerCase().replace(/\W+/g, "-")}`}>
          {value ?? <span className="font-sans text-muted-foreground">None</span>}
        </div>
      </div>
      {children}
    </div>
  );
}

function AddressSection({ id, address, canEdit }: { id: string; address: string | null; canEdit: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh();
  const [changing, setChanging] = React.useState(false);
  const [poolId, setPoolId] = React.useState("");
  const [typed, setTyped] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const set = useMutation(
    trpc.subscriptions.setAddress.mutationOptions({
      onSuccess: async (s) => {
        toast({
          variant: "success",
          title: s.staticIp ? `Assigned ${s.staticIp}` : "Address released",
        });
        setError(null);
        setChanging(false);
        setTyped("");
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const showForm = canEdit && (!address || changing);
  return (
    <section aria-labelledby={`address-${id}`} className="grid gap-3">
      <h3 id={`address-${id}`} className="text-sm font-semibold">
        IPv4 address
      </h3>
      <Current label="Address" value={address}>
        {canEdit && address && !changing ? (
          <div className="flex gap-2">
            <Button size="sm" variant="outline" onClick={() => setChanging(true)}>
              Change
            </Button>
            <Button
              size="sm"
              variant="outline"
              disabled={set.isPending}
              onClick={() => set.mutate({ id })}
              aria-label={`Release ${address}`}
            >
              Release
            </Button>
          </div>
        ) : null}
      </Current>
      {showForm ? (
        <div className="grid gap-3 rounded-md border p-3">
          <FormError message={error} />
          <PoolSelect family={4} label="Address pool" value={poolId} onChange={setPoolId} />
          <Button
            size="sm"
            disabled={!poolId || set.isPending}
            onClick={() => set.mutate({ id, staticIpPoolId: poolId })}
          >
            Allocate next free
          </Button>
          <FormField
            label="Or a specific address"
            description={
              poolId
                ? "It must lie inside the chosen pool."
                : "Checked against IPAM: free, not a network or broadcast address."
            }
          >
            <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="10.20.0.15" />
          </FormField>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="outline"
              disabled={!typed.trim() || set.isPending}
              onClick={() => set.mutate({ id, staticIp: typed.trim(), staticIpPoolId: poolId || undefined })}
            >
              Assign this address
            </Button>
            {changing ? (
              <Button size="sm" variant="ghost" onClick={() => setChanging(false)}>
                Cancel
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function DelegatedPrefixSection({ id, prefix, canEdit }: { id: string; prefix: string | null; canEdit: boolean }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh();
  const [poolId, setPoolId] = React.useState("");
  const [length, setLength] = React.useState(56);
  const [error, setError] = React.useState<string | null>(null);
  const set = useMutation(
    trpc.subscriptions.setDelegatedPrefix.mutationOptions({
      onSuccess: async (n) => {
        toast({ variant: "success", title: n.delegatedPrefix ? `Delegated ${n.delegatedPrefix}` : "Prefix released" });
        setError(null);
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  return (
    <section aria-labelledby={`prefix-${id}`} className="grid gap-3">
      <h3 id={`prefix-${id}`} className="text-sm font-semibold">
        Delegated IPv6 prefix
      </h3>
      <Current label="Prefix" value={prefix}>
        {canEdit && prefix ? (
          <Button size="sm" variant="outline" disabled={set.isPending} onClick={() => set.mutate({ id })}>
            Release
          </Button>
        ) : null}
      </Current>
      {canEdit ? (
        <div className="grid gap-3 rounded-md border p-3">
          <FormError message={error} />
          <div className="grid gap-3 sm:grid-cols-[1fr_6rem]">
            <PoolSelect family={6} label="IPv6 pool" value={poolId} onChange={setPoolId} />
            <FormField label="Length">
              <Input
                type="number"
                min={48}
                max={64}
                value={length}
                onChange={(e) => setLength(Number(e.target.value))}
              />
            </FormField>
          </div>
          <Button size="sm" disabled={!poolId || set.isPending} onClick={() => set.mutate({ id, poolId, length })}>
            {prefix ? `Delegate another /${length}` : `Delegate a /${length}`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

type Attached = { id: string; name: string; device: { id: string; name: string } } | null;

function AccessSection({
  id,
  attached,
  cpe,
  canEdit,
}: {
  id: string;
  attached: Attached;
  cpe: { id: string; name: string } | null;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh();
  const [search, setSearch] = React.useState("");
  const [deviceId, setDeviceId] = React.useState("");
  const [portId, setPortId] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const options = useQuery(trpc.devices.options.queryOptions({ q: search || undefined }, { enabled: canEdit }));
  const device = useQuery(trpc.devices.get.queryOptions({ id: deviceId }, { enabled: canEdit && !!deviceId }));
  const attach = useMutation(
    trpc.devices.attachSubscription.mutationOptions({
      onSuccess: async (r) => {
        toast({ variant: "success", title: r.accessInterfaceId ? "Attached to the access port" : "Detached" });
        setError(null);
        setPortId("");
        await refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  return (
    <section aria-labelledby={`access-${id}`} className="grid gap-3">
      <h3 id={`access-${id}`} className="text-sm font-semibold">
        Access device
      </h3>
      <div className="flex items-center justify-between gap-3">
        <div className="text-sm">
          <div className="text-muted-foreground">Access port</div>
          {attached ? (
            <Link
              className="underline"
              href={`/network/devices/${attached.device.id}`}
              data-testid="current-access-port"
            >
              {attached.device.name} {attached.name}
            </Link>
          ) : (
            <span className="text-muted-foreground">Not attached</span>
          )}
          {cpe ? (
            <div className="mt-1">
              <span className="text-muted-foreground">CPE </span>
              <Link className="underline" href={`/network/devices/${cpe.id}`}>
                {cpe.name}
              </Link>
            </div>
          ) : null}
        </div>
        {canEdit && attached ? (
          <Button
            size="sm"
            variant="outline"
            disabled={attach.isPending}
            onClick={() => attach.mutate({ subscriptionId: id, accessInterfaceId: null, cpeDeviceId: cpe?.id ?? null })}
          >
            Detach
          </Button>
        ) : null}
      </div>
      {canEdit ? (
        <div className="grid gap-3 rounded-md border p-3">
          <FormError message={error} />
          <FormField label="Find the access device">
            <Input value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name or serial" />
          </FormField>
          <FormField label="Access device">
            <NativeSelect
              value={deviceId}
              onChange={(e) => {
                setDeviceId(e.target.value);
                setPortId("");
              }}
            >
              <option value="">{options.isLoading ? "Loading devices…" : "Choose a device"}</option>
              {options.data?.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.deviceType.model})
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Port"
            description={
              device.data && device.data.interfaces.length === 0
                ? "This device has no ports yet."
                : "A PON port, a switch port or a radio."
            }
          >
            <NativeSelect value={portId} onChange={(e) => setPortId(e.target.value)} disabled={!device.data}>
              <option value="">Choose a port</option>
              {device.data?.interfaces.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                  {i.description ? ` · ${i.description}` : ""}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <Button
            size="sm"
            disabled={!portId || attach.isPending}
            onClick={() =>
              // The CPE stays as it is: it is set by the installation (work orders), not here.
              attach.mutate({ subscriptionId: id, accessInterfaceId: portId, cpeDeviceId: cpe?.id ?? null })
            }
          >
            Attach
          </Button>
        </div>
      ) : null}
    </section>
  );
}
