"use client";

import * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ellipsis, MailPlus, MapPin, Pencil, RefreshCw, Trash2 } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { CHANNEL_LABELS, TYPE_LABELS } from "@/server/modules/customers/schema";
import { ConfirmDialog } from "../confirm-dialog";
import { DetailPage } from "../detail-page";
import { errorCode, errorMessage } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { ChangeStatusDialog } from "./change-status-dialog";
import { CustomerFormDialog } from "./customer-form-dialog";
import { DataProtectionCard } from "./data-protection-card";
import { CustomerStatusBadge } from "./status-badge";
import { Timeline } from "./timeline";
import type { CustomerDetail } from "./types";

export type CustomerDetailViewProps = {
  id: string;
  timeZone: string;
  canUpdate: boolean;
  canDelete: boolean;
  /** privacy:export and privacy:erase: the personal data card. */
  canExportData: boolean;
  canErase: boolean;
  /** The subscriptions module's panel, rendered by the server page. */
  subscriptions: React.ReactNode;
};

export function CustomerDetailView({ id, ...props }: CustomerDetailViewProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.customers.get.queryOptions({ id }));
  return (
    <DetailPage query={query} what="customer" back={{ href: "/customers", label: "Customers" }}>
      {(c) => <CustomerDetailBody c={c} {...props} />}
    </DetailPage>
  );
}

function CustomerDetailBody({
  c,
  timeZone,
  canUpdate,
  canDelete,
  canExportData,
  canErase,
  subscriptions,
}: Omit<CustomerDetailViewProps, "id"> & { c: CustomerDetail }) {
  const id = c.id;
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [editing, setEditing] = React.useState(false);
  const [changingStatus, setChangingStatus] = React.useState(false);
  const [deleting, setDeleting] = React.useState(false);
  const [deleteError, setDeleteError] = React.useState<string | null>(null);
  // The server refused because the customer has history: deleting again cannot work.
  const [deleteRefused, setDeleteRefused] = React.useState(false);
  const [invitingPortal, setInvitingPortal] = React.useState(false);
  const [inviteError, setInviteError] = React.useState<string | null>(null);
  const invitePortal = useMutation(
    trpc.customers.invitePortal.mutationOptions({
      onSuccess: async (sent) => {
        toast({
          variant: "success",
          title: "Portal invitation sent",
          description: `${sent.email} can now choose a password and sign in to the portal.`,
        });
        setInvitingPortal(false);
        await queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id }));
        await queryClient.invalidateQueries(trpc.customers.timeline.queryFilter({ id }));
      },
      onError: (err) => setInviteError(errorMessage(err)),
    }),
  );
  const remove = useMutation(
    trpc.customers.delete.mutationOptions({
      onSuccess: async () => {
        toast({ variant: "success", title: `${c.displayName} is deleted` });
        await queryClient.invalidateQueries(trpc.customers.list.pathFilter());
        router.push("/customers");
      },
      onError: (err) => {
        setDeleteError(errorMessage(err));
        setDeleteRefused(errorCode(err) === "CONFLICT");
      },
    }),
  );

  // Staff can invite a customer who has an e-mail and no portal sign-in yet (again while one is open).
  const canInvite = canUpdate && !!c.email && !c.userId;
  const openInvite = () => {
    setInviteError(null);
    setInvitingPortal(true);
  };
  const hasMap = c.serviceLatitude !== null && c.serviceLongitude !== null;
  const mapUrl = hasMap
    ? `https://www.openstreetmap.org/?mlat=${c.serviceLatitude}&mlon=${c.serviceLongitude}#map=17/${c.serviceLatitude}/${c.serviceLongitude}`
    : null;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {c.displayName}
            <CustomerStatusBadge status={c.status} />
          </span>
        }
        description={`${c.accountNo} · ${TYPE_LABELS[c.type]} · customer since ${formatDate(c.createdAt, timeZone)}`}
        actions={
          canUpdate || canDelete ? (
            <>
              {canUpdate ? (
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <Pencil aria-hidden />
                  Edit
                </Button>
              ) : null}
              <DropdownMenu>
                <DropdownMenuTrigger asChild>
                  <Button variant="outline" size="icon" aria-label="More actions">
                    <Ellipsis aria-hidden />
                  </Button>
                </DropdownMenuTrigger>
                <DropdownMenuContent className="w-52">
                  {canUpdate ? (
                    <DropdownMenuItem
                      onSelect={() => {
                        setDeleteRefused(false);
                        setChangingStatus(true);
                      }}
                    >
                      <RefreshCw aria-hidden />
                      Change status…
                    </DropdownMenuItem>
                  ) : null}
                  {canInvite ? (
                    <DropdownMenuItem onSelect={openInvite}>
                      <MailPlus aria-hidden />
                      {c.portalInvitation ? "Send portal invitation again…" : "Invite to portal…"}
                    </DropdownMenuItem>
                  ) : null}
                  {canDelete ? (
                    <>
                      <DropdownMenuSeparator />
                      <DropdownMenuItem
                        variant="destructive"
                        onSelect={() => {
                          setDeleteError(null);
                          setDeleteRefused(false);
                          setDeleting(true);
                        }}
                      >
                        <Trash2 aria-hidden />
                        Delete customer…
                      </DropdownMenuItem>
                    </>
                  ) : null}
                </DropdownMenuContent>
              </DropdownMenu>
            </>
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid gap-6 lg:col-span-2">
          <div className="grid gap-6 md:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>Contact</CardTitle>
              </CardHeader>
              <CardContent>
                <Facts
                  rows={[
                    ["Name", [c.firstName, c.lastName].filter(Boolean).join(" ") || "—"],
                    ...(c.type === "BUSINESS"
                      ? ([
                          ["Business", c.businessName],
                          ["Tax ID", c.taxId],
                        ] as const)
                      : []),
                    [
                      "E-mail",
                      c.email ? (
                        <a className="text-primary hover:underline" href={`mailto:${c.email}`}>
                          {c.email}
                        </a>
                      ) : null,
                    ],
                    [
                      "Phone",
                      c.phone ? (
                        <a className="text-primary hover:underline" href={`tel:${c.phone.replace(/\s/g, "")}`}>
                          {c.phone}
                        </a>
                      ) : null,
                    ],
                    ["Alternative phone", c.altPhone],
                    ["ID document", [c.idDocumentType, c.idDocumentNumber].filter(Boolean).join(" ") || null],
                  ]}
                />
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <CardTitle>Addresses</CardTitle>
              </CardHeader>
              <CardContent>
                <Facts
                  rows={[
                    [
                      "Service address",
                      c.serviceAddress ? <span className="whitespace-pre-line">{c.serviceAddress}</span> : null,
                    ],
                    [
                      "Location",
                      mapUrl ? (
                        <a
                          className="inline-flex items-center gap-1 text-primary hover:underline"
                          href={mapUrl}
                          target="_blank"
                          rel="noreferrer"
                        >
                          <MapPin aria-hidden className="size-4" />
                          {c.serviceLatitude}, {c.serviceLongitude} (OpenStreetMap)
                        </a>
                      ) : null,
                    ],
                    [
                      "Billing address",
                      c.billingAddress ? (
                        <span className="whitespace-pre-line">{c.billingAddress}</span>
                      ) : (
                        "Same as the service address"
                      ),
                    ],
                  ]}
                />
              </CardContent>
            </Card>
          </div>

          {subscriptions}

          <Card>
            <CardHeader>
              <CardTitle>History</CardTitle>
            </CardHeader>
            <CardContent>
              <Timeline customerId={c.id} timeZone={timeZone} />
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Customer portal</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              {c.userId ? (
                <p>Signs in to the portal.</p>
              ) : c.portalInvitation ? (
                <>
                  <p>
                    <span className="font-medium">Portal invitation sent</span>{" "}
                    <span className="text-muted-foreground">
                      {formatDateTime(c.portalInvitation.sentAt, timeZone)}; waiting for the customer (link valid until{" "}
                      {formatDate(c.portalInvitation.expiresAt, timeZone)}).
                    </span>
                  </p>
                  {canInvite ? (
                    <Button variant="outline" size="sm" className="justify-self-start" onClick={openInvite}>
                      <MailPlus aria-hidden />
                      Send again
                    </Button>
                  ) : null}
                </>
              ) : !c.email ? (
                <p className="text-muted-foreground">
                  No portal sign-in. {canUpdate ? "Add an e-mail address with Edit to invite the customer." : ""}
                </p>
              ) : (
                <>
                  <p className="text-muted-foreground">No portal sign-in yet.</p>
                  {canInvite ? (
                    <Button variant="outline" size="sm" className="justify-self-start" onClick={openInvite}>
                      <MailPlus aria-hidden />
                      Invite to portal
                    </Button>
                  ) : null}
                </>
              )}
            </CardContent>
          </Card>
          <DataProtectionCard c={c} timeZone={timeZone} canExport={canExportData} canErase={canErase} />
          <Card>
            <CardHeader>
              <CardTitle>Preferences</CardTitle>
            </CardHeader>
            <CardContent>
              <Facts
                rows={[
                  ["Preferred channel", CHANNEL_LABELS[c.contactChannel]],
                  ["Language", c.language.toUpperCase()],
                  ["Invoices", c.paperlessBilling ? "By e-mail (paperless)" : "On paper"],
                ]}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Tags</CardTitle>
            </CardHeader>
            <CardContent>
              {c.tags.length ? (
                <div className="flex flex-wrap gap-1">
                  {c.tags.map((t) => (
                    <Link key={t} href={`/customers?tag=${encodeURIComponent(t)}`}>
                      <Badge variant="outline">{t}</Badge>
                    </Link>
                  ))}
                </div>
              ) : (
                <p className="text-sm text-muted-foreground">
                  No tags. {canUpdate ? "Add some with Edit to group customers (vip, estate-a…)." : ""}
                </p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Notes</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-sm whitespace-pre-line text-muted-foreground">{c.notes || "No notes."}</p>
            </CardContent>
          </Card>
        </div>
      </div>

      {canUpdate ? <CustomerFormDialog open={editing} onOpenChange={setEditing} customer={c} /> : null}
      {canUpdate ? (
        <ChangeStatusDialog
          open={changingStatus}
          onOpenChange={setChangingStatus}
          customer={c}
          preferred={deleteRefused ? "TERMINATED" : undefined}
        />
      ) : null}
      {canInvite ? (
        <ConfirmDialog
          open={invitingPortal}
          onOpenChange={setInvitingPortal}
          title={c.portalInvitation ? "Send the portal invitation again?" : `Invite ${c.displayName} to the portal?`}
          description={
            <>
              The invitation goes to <span className="font-medium text-foreground">{c.email}</span>. The customer
              follows the link to choose a password, then sees their services, invoices and requests in the portal.
              {c.portalInvitation ? " The link sent earlier stops working." : ""}
            </>
          }
          confirmLabel={c.portalInvitation ? "Send again" : "Send invitation"}
          pendingLabel="Sending…"
          pending={invitePortal.isPending}
          error={inviteError}
          onConfirm={() => invitePortal.mutate({ id: c.id })}
        />
      ) : null}
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title={`Delete ${c.displayName}?`}
        description="Only a customer without subscriptions, service requests, support tickets or a converted lead can be deleted. The audit log keeps a record. To end service for a customer with history, change the status to Terminated."
        confirmLabel="Delete customer"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={deleteError}
        confirmDisabled={deleteRefused}
        alternative={
          deleteRefused && canUpdate ? (
            <Button
              variant="outline"
              onClick={() => {
                setDeleting(false);
                setChangingStatus(true);
              }}
            >
              Terminate instead…
            </Button>
          ) : null
        }
        onConfirm={() => remove.mutate({ id: c.id })}
      />
    </>
  );
}

function Facts({ rows }: { rows: readonly (readonly [string, React.ReactNode])[] }) {
  return (
    <dl className="grid gap-3 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="grid gap-0.5">
          <dt className="text-muted-foreground">{label}</dt>
          <dd>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}
