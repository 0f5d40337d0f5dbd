"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { SearchX } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ADDRESS_STATUS_LABELS } from "@/server/modules/ipam/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DataTable, ListFooter, type Columns } from "../data-list";
import { DetailPage } from "../detail-page";
import { errorMessage, FormError } from "../errors";
import { formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { IpamHeader, PrefixStatusBadge, UtilizationBar } from "./parts";

type Prefix = RouterOutputs["ipam"]["prefixes"]["get"];
type Child = Prefix["children"][number];
type Address = RouterOutputs["ipam"]["addresses"]["list"]["rows"][number];
type Event = RouterOutputs["ipam"]["prefixes"]["history"]["rows"][number];

export function PrefixView({ id, timeZone, canManage }: { id: string; timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.ipam.prefixes.get.queryOptions({ id }));
  return (
    <DetailPage
      query={query}
      what="prefix"
      back={{ href: "/network/prefixes", label: "Prefixes" }}
      backClassName="mb-3"
      skeleton={<Skeleton className="h-64 w-full" />}
      notFound={
        <EmptyState
          icon={<SearchX />}
          title="This prefix does not exist"
          description="It may have been deleted, or opened from an old or mistyped link."
          action={
            <Button asChild variant="outline">
              <Link href="/network/prefixes">All prefixes</Link>
            </Button>
          }
        />
      }
    >
      {(p) => <PrefixDetail p={p} timeZone={timeZone} canManage={canManage} />}
    </DetailPage>
  );
}

function PrefixDetail({ p, timeZone, canManage }: { p: Prefix; timeZone: string; canManage: boolean }) {
  const ipv4 = !p.prefix.includes(":");
  const length = Number(p.prefix.split("/")[1]);
  return (
    <>
      <IpamHeader title={<span className="font-mono">{p.prefix}</span>} description={p.description ?? undefined} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Status</dt>
              <dd className="flex gap-2">
                <PrefixStatusBadge status={p.status} />
                {p.isPool ? <Badge variant="outline">Pool</Badge> : null}
              </dd>
              <dt className="text-muted-foreground">VRF</dt>
              <dd>{p.vrfName ?? "Global"}</dd>
              <dt className="text-muted-foreground">Site</dt>
              <dd>{p.siteName ?? "—"}</dd>
              <dt className="text-muted-foreground">Parent</dt>
              <dd>
                {p.parent ? (
                  <Link
                    href={`/network/prefixes/${p.parent.id}`}
                    className="font-mono underline-offset-4 hover:underline"
                  >
                    {p.parent.prefix}
                  </Link>
                ) : (
                  "—"
                )}
              </dd>
              <dt className="text-muted-foreground">Addresses</dt>
              <dd className="tabular-nums">
                {/* PostgreSQL's numeric arrives as "256.0000…"; an IPv6 size is beyond a JS number. */}
                {BigInt(p.size.replace(/\..*$/, "")).toLocaleString()}
              </dd>
              <dt className="text-muted-foreground">Utilization</dt>
              <dd>
                <UtilizationBar value={p.utilization} />
              </dd>
            </dl>
          </CardContent>
        </Card>
        {canManage && p.isPool ? (
          <Card className="lg:col-span-2">
            <CardHeader>
              <CardTitle>Allocate</CardTitle>
              <CardDescription>
                The next free address or prefix of this pool; what you get is shown below.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <Allocate p={p} ipv4={ipv4} length={length} />
            </CardContent>
          </Card>
        ) : null}
      </div>
      <Children rows={p.children} />
      <Addresses prefixId={p.id} canManage={canManage} />
      {p.isPool ? <History prefixId={p.id} timeZone={timeZone} /> : null}
    </>
  );
}

function useRefreshPrefix() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.ipam.prefixes.pathFilter()),
      queryClient.invalidateQueries(trpc.ipam.addresses.pathFilter()),
    ]);
}

function Allocate({ p, ipv4, length }: { p: Prefix; ipv4: boolean; length: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshPrefix();
  const [status, setStatus] = React.useState<"ACTIVE" | "RESERVED" | "DHCP">("ACTIVE");
  const [childLength, setChildLength] = React.useState(String(Math.min(ipv4 ? 32 : 128, length + (ipv4 ? 2 : 8))));
  const [result, setResult] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const address = useMutation(trpc.ipam.prefixes.allocateAddress.mutationOptions());
  const prefix = useMutation(trpc.ipam.prefixes.allocatePrefix.mutationOptions());

  async function run(action: () => Promise<string>) {
    setError(null);
    setResult(null);
    try {
      setResult(await action());
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="allocate-status">As</Label>
          <NativeSelect
            id="allocate-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            className="w-36"
          >
            <option value="ACTIVE">Active</option>
            <option value="RESERVED">Reserved</option>
            <option value="DHCP">DHCP</option>
          </NativeSelect>
        </div>
        <Button
          disabled={address.isPending}
          onClick={() =>
            run(async () => {
              const row = await address.mutateAsync({ prefixId: p.id, status });
              return `Allocated ${row.address}`;
            })
          }
        >
          Allocate next free address
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="allocate-length">Prefix length</Label>
          <Input
            id="allocate-length"
            type="number"
            inputMode="numeric"
            min={length + 1}
            max={ipv4 ? 32 : 128}
            value={childLength}
            onChange={(e) => setChildLength(e.target.value)}
            className="w-28"
          />
        </div>
        <Button
          variant="outline"
          disabled={prefix.isPending}
          onClick={() =>
            run(async () => {
              const n = Number(childLength);
              if (!Number.isInteger(n) || n <= length || n > (ipv4 ? 32 : 128))
                throw new Error(`Give a length from ${length + 1} to ${ipv4 ? 32 : 128}.`);
              const row = await prefix.mutateAsync({ prefixId: p.id, length: n });
              return `Allocated ${row.prefix}`;
            })
          }
        >
          Allocate next free prefix of length /{childLength || "?"}
        </Button>
      </div>
      {result ? (
        <Alert variant="success" role="status">
          <AlertTitle className="font-mono">{result}</AlertTitle>
          <AlertDescription>It is listed below and counts towards the pool&apos;s utilization.</AlertDescription>
        </Alert>
      ) : null}
      <FormError message={error} />
    </div>
  );
}

function Children({ rows }: { rows: readonly Child[] }) {
  if (rows.length === 0) return null;
  const columns: Columns<Child> = [
    {
      label: "Prefix",
      cell: (c) => (
        <Link href={`/network/prefixes/${c.id}`} className="font-mono font-medium underline-offset-4 hover:underline">
          {c.prefix}
        </Link>
      ),
    },
    { label: "Status", cell: (c) => <PrefixStatusBadge status={c.status} /> },
    { label: "Description", className: "hidden md:table-cell", cell: (c) => c.description ?? "" },
    { label: "Utilization", cell: (c) => <UtilizationBar value={c.utilization} /> },
  ];
  return (
    <Card className="mt-4 gap-0 py-0">
      <CardHeader className="py-4">
        <CardTitle>Child prefixes</CardTitle>
      </CardHeader>
      <DataTable rows={rows} columns={columns} rowKey={(c) => c.id} />
    </Card>
  );
}

function Addresses({ prefixId, canManage }: { prefixId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshPrefix();
  const [page, setPage] = React.useState(1);
  const query = useQuery(trpc.ipam.addresses.list.queryOptions({ prefixId, page, pageSize: 50 }));
  const [releasing, setReleasing] = React.useState<Address | null>(null);
  const release = useMutation(trpc.ipam.addresses.release.mutationOptions());
  const columns: Columns<Address> = [
    { label: "Address", cellClassName: "font-mono font-medium", cell: (a) => a.address },
    { label: "Status", cell: (a) => <Badge variant="secondary">{ADDRESS_STATUS_LABELS[a.status as "ACTIVE"]}</Badge> },
    { label: "DNS name", className: "hidden md:table-cell", cell: (a) => a.dnsName ?? "—" },
    { label: "Description", className: "hidden lg:table-cell", cell: (a) => a.description ?? "" },
    canManage && {
      label: "Actions",
      hideLabel: true,
      className: "text-right",
      cell: (a) => (
        <Button size="sm" variant="outline" onClick={() => setReleasing(a)}>
          Release<span className="sr-only"> {a.address}</span>
        </Button>
      ),
    },
  ];
  const rows = query.data?.rows ?? [];
  return (
    <Card className="mt-4 gap-0 py-0">
      <CardHeader className="py-4">
        <CardTitle>Addresses</CardTitle>
      </CardHeader>
      {rows.length ? (
        <>
          <DataTable rows={rows} columns={columns} rowKey={(a) => a.id} />
          <ListFooter page={query.data} noun={["address", "addresses"]} onPageChange={setPage} />
        </>
      ) : (
        <p className="px-6 pb-6 text-sm text-muted-foreground">
          {query.isPending
            ? "Loading addresses…"
            : "No addresses in this prefix yet. Allocate the next free one, or give a subscription an address from this pool."}
        </p>
      )}
      <ConfirmDialog
        open={!!releasing}
        onOpenChange={(o) => (o ? undefined : setReleasing(null))}
        title={`Release ${releasing?.address ?? ""}?`}
        description="The address becomes free for the next allocation. The pool's history keeps who had it."
        confirmLabel="Release"
        pendingLabel="Releasing…"
        destructive
        pending={release.isPending}
        error={release.error ? errorMessage(release.error) : null}
        onConfirm={async () => {
          if (!releasing) return;
          try {
            await release.mutateAsync({ id: releasing.id });
            await refresh();
            setReleasing(null);
          } catch {
            // shown in the dialog
          }
        }}
      />
    </Card>
  );
}

const EVENT_LABELS: Record<string, string> = { ALLOCATED: "Allocated", RESERVED: "Reserved", RELEASED: "Released" };

function History({ prefixId, timeZone }: { prefixId: string; timeZone: string }) {
  const trpc = useTRPC();
  const [page, setPage] = React.useState(1);
  const query = useQuery(trpc.ipam.prefixes.history.queryOptions({ prefixId, page, pageSize: 20 }));
  const rows = query.data?.rows ?? [];
  const columns: Columns<Event> = [
    { label: "When", cell: (e) => formatDateTime(e.createdAt, timeZone) },
    { label: "What", cell: (e) => EVENT_LABELS[e.kind] ?? e.kind },
    { label: "Address or prefix", cellClassName: "font-mono", cell: (e) => e.value },
    { label: "By", className: "hidden md:table-cell", cell: (e) => e.actorLabel },
  ];
  return (
    <Card className="mt-4 gap-0 py-0">
      <CardHeader className="py-4">
        <CardTitle>History</CardTitle>
        <CardDescription>Allocations from this pool and releases, newest first.</CardDescription>
      </CardHeader>
      {rows.length ? (
        <>
          <DataTable rows={rows} columns={columns} rowKey={(e) => e.id} />
          <ListFooter page={query.data} noun={["event", "events"]} onPageChange={setPage} />
        </>
      ) : (
        <p className="px-6 pb-6 text-sm text-muted-foreground">Nothing allocated from this pool yet.</p>
      )}
    </Card>
  );
}
