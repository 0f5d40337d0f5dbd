"use client";

import Link from "next/link";
import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Copy, KeyRound, Plus, RadioTower } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { NativeSelect } from "@/components/ui/select";
import { createKeySchema, KEY_USE_LABELS, KEY_USES, keySourcesInputSchema } from "@/server/modules/radius/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { applyServerErrors, errorMessage, FormError, QueryError, formErrorOf } from "../errors";
import { formatDateTime, formatRelative } from "../format";
import type { RouterOutputs } from "../types";
import { FormDialogFooter } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

// Server keys: make one per FreeRADIUS server or SNMP poller (shown once; each kind works only on
// its own endpoints), see when each was last used, revoke one that leaked or whose server is gone.

type KeyRow = RouterOutputs["radius"]["keys"][number];
type FormIn = z.input<typeof createKeySchema>;
type FormOut = z.output<typeof createKeySchema>;

export function RadiusKeys({ timeZone, apiUrl }: { timeZone: string; apiUrl: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.radius.keys.queryOptions());
  const [creating, setCreating] = React.useState(false);
  const [made, setMade] = React.useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = React.useState<KeyRow | null>(null);
  const [editing, setEditing] = React.useState<KeyRow | null>(null);

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden />
      Create key
    </Button>
  );

  return (
    <Card>
      <CardHeader className="sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <div className="space-y-1.5">
          <CardTitle>Server keys</CardTitle>
          <CardDescription>
            Each FreeRADIUS server presents a key when it asks Lastmile whether a subscriber may log in and when it
            reports usage. Give each server its own key, so one can be revoked without touching the others.
          </CardDescription>
        </div>
        {query.data && query.data.length > 0 ? <div className="shrink-0">{createButton}</div> : null}
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <QueryError
            title="Could not load the RADIUS server keys"
            error={query.error}
            onRetry={() => query.refetch()}
          />
        ) : !query.data ? (
          <div className="space-y-2" aria-busy="true" aria-label="Loading keys">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : query.data.length === 0 ? (
          <EmptyState
            icon={<RadioTower />}
            title="No RADIUS server connected yet"
            description="Create a key for your FreeRADIUS server, then put it in the server's configuration. Until then PPPoE logins and hotspot vouchers cannot be checked on your network."
            action={createButton}
          />
        ) : (
          <div className="space-y-3">
            {query.data.every((k) => k.revokedAt) ? (
              <p className="text-sm text-muted-foreground">
                Every key is revoked, so no RADIUS server can check logins. Create a key for each server that is still
                in service.
              </p>
            ) : null}
            <KeysTable rows={query.data} timeZone={timeZone} onRevoke={setRevoking} onEditSources={setEditing} />
            <p className="text-sm text-muted-foreground">
              Requests refused for a key used from another address, and logins for usernames nobody has, are in the{" "}
              <Link href="/audit?action=radius" className="text-primary hover:underline">
                audit log
              </Link>
              .
            </p>
          </div>
        )}
      </CardContent>
      <CreateKeyDialog
        open={creating}
        onOpenChange={setCreating}
        onCreated={(name, secret) => {
          setCreating(false);
          setMade({ name, secret });
        }}
      />
      <ShowKeyDialog made={made} apiUrl={apiUrl} onClose={() => setMade(null)} />
      <RevokeKeyDialog row={revoking} onClose={() => setRevoking(null)} />
      <SourcesDialog row={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}

function KeysTable({
  rows,
  timeZone,
  onRevoke,
  onEditSources,
}: {
  rows: KeyRow[];
  timeZone: string;
  onRevoke: (row: KeyRow) => void;
  onEditSources: (row: KeyRow) => void;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Key</TableHead>
            <TableHead>Accepted from</TableHead>
            <TableHead>Last used</TableHead>
            <TableHead title="Seen by this app instance since it started: per source address, the last accounting packet and the packets per second over the last full minute.">
              Accounting
            </TableHead>
            <TableHead>Created</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="w-0">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((k) => (
            <TableRow key={k.id} className={k.revokedAt ? "text-muted-foreground" : undefined}>
              <TableCell className="font-medium">
                {k.name}
                <div className="text-xs font-normal text-muted-foreground">{KEY_USE_LABELS[k.use]}</div>
              </TableCell>
              <TableCell>
                <code className="font-mono text-xs">{k.keyPrefix}…</code>
              </TableCell>
              <TableCell className="text-xs">
                {k.allowedSources.length ? (
                  <code className="font-mono">{k.allowedSources.join(", ")}</code>
                ) : (
                  <span className="text-muted-foreground">Any address</span>
                )}
              </TableCell>
              <TableCell title={k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : undefined}>
                {k.lastUsedAt ? formatRelative(k.lastUsedAt) : "Never"}
              </TableCell>
              <TableCell className="text-xs">
                {k.accounting.length ? (
                  k.accounting.map((a) => (
                    <div key={a.source} title={formatDateTime(a.lastAccountingAt, timeZone)}>
                      <code className="font-mono">{a.source}</code>: {formatRelative(a.lastAccountingAt)},{" "}
                      {a.perSecond.toLocaleString("en", { maximumFractionDigits: 1 })}/s
                    </div>
                  ))
                ) : (
                  <span className="text-muted-foreground">None received yet</span>
                )}
              </TableCell>
              <TableCell>{formatDateTime(k.createdAt, timeZone)}</TableCell>
              <TableCell>
                {k.revokedAt ? (
                  <Badge variant="secondary" title={`Revoked ${formatDateTime(k.revokedAt, timeZone)}`}>
                    Revoked
                  </Badge>
                ) : k.lastUsedAt ? (
                  <Badge variant="success">In use</Badge>
                ) : (
                  <Badge variant="warning">Not used yet</Badge>
                )}
              </TableCell>
              <TableCell>
                {!k.revokedAt ? (
                  <div className="flex gap-2">
                    <Button
                      variant="outline"
                      size="sm"
                      aria-label={`Addresses for ${k.name}`}
                      onClick={() => onEditSources(k)}
                    >
                      Addresses
                    </Button>
                    <Button variant="outline" size="sm" aria-label={`Revoke ${k.name}`} onClick={() => onRevoke(k)}>
                      Revoke
                    </Button>
                  </div>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function CreateKeyDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (name: string, secret: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(createKeySchema),
    defaultValues: { name: "", allowedSources: "", use: "RADIUS" },
  });
  const create = useMutation(trpc.radius.createKey.mutationOptions());
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const { key, secret } = await create.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.radius.keys.pathFilter());
      form.reset();
      onCreated(key.name, secret);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (create.isPending) return;
        onOpenChange(o);
        if (!o) {
          form.reset();
        }
      }}
    >
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Create a server key</DialogTitle>
          <DialogDescription>
            For a FreeRADIUS server or an SNMP poller. Name the server it is for, so you can tell keys apart later. The
            key is shown once, right after this.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <FormField
            label="Used by"
            error={errors.use?.message}
            description="A FreeRADIUS server's key works only on the RADIUS endpoints, a poller's only on the SNMP ingest."
          >
            <NativeSelect {...form.register("use")}>
              {KEY_USES.map((u) => (
                <option key={u} value={u}>
                  {KEY_USE_LABELS[u]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Server name"
            error={errors.name?.message}
            required
            description="For example the server's host name or site: radius-1.nairobi."
          >
            <Input autoComplete="off" placeholder="radius-1.nairobi" autoFocus {...form.register("name")} />
          </FormField>
          <SourcesField error={errors.allowedSources?.message} {...form.register("allowedSources")} />
          <FormDialogFooter
            pending={create.isPending}
            submitLabel="Create key"
            pendingText="Creating…"
            spinnerLabel="Creating"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The key, once: it is stored only as a hash and cannot be shown again. */
function ShowKeyDialog({
  made,
  apiUrl,
  onClose,
}: {
  made: { name: string; secret: string } | null;
  apiUrl: string;
  onClose: () => void;
}) {
  // What was copied from which key, so another key starts with nothing copied.
  const [copiedState, setCopiedState] = React.useState<{ made: typeof made; what: "key" | "env" } | null>(null);
  const copied = copiedState && copiedState.made === made ? copiedState.what : null;
  const env = made ? `LASTMILE_API_URL=${apiUrl}\nLASTMILE_RADIUS_KEY=${made.secret}` : "";
  const copy = async (what: "key" | "env", text: string) => {
    await navigator.clipboard?.writeText(text);
    setCopiedState({ made, what });
  };
  return (
    <Dialog open={!!made} onOpenChange={(o) => (!o ? onClose() : undefined)}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>Key for {made?.name}</DialogTitle>
          <DialogDescription>
            Put these two lines in the FreeRADIUS server&apos;s environment (on Debian: /etc/default/freeradius), then
            restart FreeRADIUS.
          </DialogDescription>
        </DialogHeader>
        <pre
          className="whitespace-pre-wrap break-all rounded-md border bg-muted/40 p-3 font-mono text-xs leading-relaxed select-all"
          aria-label="Environment for FreeRADIUS"
        >
          {env}
        </pre>
        <Alert>
          <KeyRound aria-hidden />
          <AlertTitle>Shown only this once</AlertTitle>
          <AlertDescription>
            Copy it now and keep it like a password. If it is lost, create a new key and revoke this one.
          </AlertDescription>
        </Alert>
        <DialogFooter>
          <Button variant="outline" onClick={() => made && copy("key", made.secret)}>
            {copied === "key" ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied === "key" ? "Copied" : "Copy key only"}
          </Button>
          <Button variant="outline" onClick={() => copy("env", env)}>
            {copied === "env" ? <Check aria-hidden /> : <Copy aria-hidden />}
            {copied === "env" ? "Copied" : "Copy both lines"}
          </Button>
          <Button onClick={onClose}>Done</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function RevokeKeyDialog({ row, onClose }: { row: KeyRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation(
    trpc.radius.revokeKey.mutationOptions({
      onSuccess: async (k) => {
        toast({
          variant: "success",
          title: `Key for ${k.name} revoked`,
          description: "That server's requests are refused from now on.",
        });
        onClose();
        await queryClient.invalidateQueries(trpc.radius.keys.pathFilter());
      },
    }),
  );
  // The failure of the last try is shown until the dialog closes (then it is forgotten).
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={!!row}
      onOpenChange={(o) => (!o ? close() : undefined)}
      title={`Revoke the key for ${row?.name ?? ""}?`}
      description="The server using it can no longer check logins or report usage: every login through it is refused until it has a new key. This cannot be undone."
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      destructive
      pending={revoke.isPending}
      error={revoke.error ? errorMessage(revoke.error) : null}
      onConfirm={() => row && revoke.mutate({ id: row.id })}
    />
  );
}

/** The addresses a key is accepted from, as staff type them. */
function SourcesField({ error, ...input }: { error?: string } & React.ComponentProps<typeof Input>) {
  return (
    <FormField
      label="Accepted from"
      error={error}
      description="The RADIUS server's public IP addresses or prefixes (e.g. 192.0.2.10, 198.51.100.0/24), separated by commas. Empty: any address. Requests from elsewhere are refused and logged."
    >
      <Input autoComplete="off" placeholder="192.0.2.10, 198.51.100.0/24" {...input} />
    </FormField>
  );
}

type SourcesIn = z.input<typeof keySourcesInputSchema>;
type SourcesOut = z.output<typeof keySourcesInputSchema>;

function SourcesDialog({ row, onClose }: { row: KeyRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useDialogForm<SourcesIn, SourcesOut>(
    row,
    () => ({ id: row?.id ?? "", allowedSources: row?.allowedSources.join(", ") ?? "" }),
    { resolver: zodResolver(keySourcesInputSchema) },
  );
  const save = useMutation(trpc.radius.setKeySources.mutationOptions());
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const k = await save.mutateAsync(values);
      await queryClient.invalidateQueries(trpc.radius.keys.pathFilter());
      toast({
        variant: "success",
        title: `Addresses for ${k.name} saved`,
        description: k.allowedSources.length ? "Requests from other addresses are refused." : "Any address may use it.",
      });
      onClose();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <Dialog open={!!row} onOpenChange={(o) => (!o && !save.isPending ? onClose() : undefined)}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Where {row?.name} may call from</DialogTitle>
          <DialogDescription>
            A copied key then works only from these addresses. This relies on the client address the app sees, so it
            needs the proxy setting described in the operations guide (TRUSTED_PROXY_HOPS).
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={formErrorOf(form)} />
          <SourcesField error={form.formState.errors.allowedSources?.message} {...form.register("allowedSources")} />
          <FormDialogFooter pending={save.isPending} submitLabel="Save" pendingText="Saving…" spinnerLabel="Saving" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
