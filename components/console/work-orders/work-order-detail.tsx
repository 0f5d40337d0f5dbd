"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ban, CheckCircle2, Circle, ExternalLink, MapPin, Navigation, Pencil, Phone, Smartphone } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import {
  addressSearchLink,
  cancelSchema,
  EQUIPMENT_LABELS,
  isOpen,
  KIND_LABELS,
} from "@/server/modules/work-orders/schema";
import { checkWith } from "../check-with";
import { ConfirmDialog } from "../confirm-dialog";
import { DetailPage } from "../detail-page";
import { applyServerErrors, formErrorOf } from "../errors";
import { formatDateTime } from "../format";
import { useDialogForm } from "../use-dialog-form";
import { formatWindow, telHref, WorkOrderStatusBadge, type WorkOrderDetail } from "./shared";
import { WorkOrderFormDialog } from "./work-order-form-dialog";

export type WorkOrderDetailViewProps = {
  id: string;
  timeZone: string;
  canManage: boolean;
  canPerform: boolean;
  viewerId: string;
};

/** The dispatcher's page of one job: plan, follow and review it. */
export function WorkOrderDetailView({ id, ...props }: WorkOrderDetailViewProps) {
  const trpc = useTRPC();
  const query = useQuery(trpc.workOrders.get.queryOptions({ id }));
  return (
    <DetailPage query={query} what="work order" back={{ href: "/work-orders", label: "Work orders" }}>
      {(w) => <WorkOrderDetailBody w={w} {...props} />}
    </DetailPage>
  );
}

function WorkOrderDetailBody({
  w,
  timeZone,
  canManage,
  canPerform,
  viewerId,
}: Omit<WorkOrderDetailViewProps, "id"> & { w: WorkOrderDetail }) {
  const [editing, setEditing] = React.useState(false);
  const [cancelling, setCancelling] = React.useState(false);

  const open = isOpen(w.status);
  const onJob = canPerform && (canManage || w.technician?.id === viewerId);
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-lg text-muted-foreground">{w.numberLabel}</span> {w.title}
          </span>
        }
        description={
          <span className="flex flex-wrap items-center gap-2">
            <WorkOrderStatusBadge status={w.status} /> {KIND_LABELS[w.kind]} ·{" "}
            {formatWindow(w.windowStart, w.windowEnd, timeZone, true)}
          </span>
        }
        actions={
          <>
            {onJob && open ? (
              <Button variant="outline" asChild>
                <Link href={`/field/${w.id}`}>
                  <Smartphone aria-hidden />
                  Technician view
                </Link>
              </Button>
            ) : null}
            {canManage && open ? (
              <>
                <Button variant="outline" onClick={() => setEditing(true)}>
                  <Pencil aria-hidden />
                  Edit
                </Button>
                <Button variant="outline" onClick={() => setCancelling(true)}>
                  <Ban aria-hidden />
                  Cancel job
                </Button>
              </>
            ) : null}
          </>
        }
      />

      {w.status === "CANCELLED" ? (
        <p className="mb-4 rounded-lg border border-destructive/30 bg-destructive/5 p-3 text-sm">
          <span className="font-medium">Cancelled:</span> {w.cancelReason}
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="grid content-start gap-4 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Where and who</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4 text-sm sm:grid-cols-2">
              <Fact label="Address">
                <p className="whitespace-pre-line">{w.address}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {w.map ? (
                    <>
                      <Button size="sm" variant="outline" asChild>
                        <a href={w.map.osm} target="_blank" rel="noreferrer">
                          <MapPin aria-hidden />
                          Map
                          <ExternalLink aria-hidden />
                        </a>
                      </Button>
                      <Button size="sm" variant="outline" asChild>
                        <a href={w.map.geo}>
                          <Navigation aria-hidden />
                          Open in maps app
                        </a>
                      </Button>
                    </>
                  ) : (
                    <Button size="sm" variant="outline" asChild>
                      <a href={addressSearchLink(w.address)} target="_blank" rel="noreferrer">
                        <MapPin aria-hidden />
                        Find on map
                      </a>
                    </Button>
                  )}
                </div>
                {w.latitude ? (
                  <p className="mt-1 font-mono text-xs text-muted-foreground">
                    {w.latitude}, {w.longitude}
                  </p>
                ) : null}
              </Fact>
              <Fact label="Customer">
                {w.customer ? (
                  <>
                    <Link href={`/customers/${w.customer.id}`} className="font-medium text-primary hover:underline">
                      {w.customer.displayName}
                    </Link>{" "}
                    <span className="text-muted-foreground">({w.customer.accountNo})</span>
                    {w.customer.phone ? (
                      <a
                        href={telHref(w.customer.phone)}
                        className="mt-1 flex items-center gap-1 text-primary hover:underline"
                      >
                        <Phone aria-hidden className="size-3.5" />
                        {w.customer.phone}
                      </a>
                    ) : null}
                  </>
                ) : (
                  <span className="text-muted-foreground">No customer (e.g. network maintenance)</span>
                )}
              </Fact>
              <Fact label="Technician">
                {w.technician ? w.technician.name : <span className="text-muted-foreground">Not assigned</span>}
              </Fact>
              <Fact label="From">
                {w.ticket ? (
                  <Link href={`/tickets/${w.ticket.id}`} className="text-primary hover:underline">
                    Ticket #{w.ticket.number}: {w.ticket.subject}
                  </Link>
                ) : w.subscription ? (
                  <span>
                    Subscription {w.subscription.packageName}
                    {w.subscription.pppoeUsername ? ` (${w.subscription.pppoeUsername})` : ""}
                  </span>
                ) : (
                  <span className="text-muted-foreground">Planned directly</span>
                )}
                {w.subscription?.cpeSerial ? (
                  <p className="mt-1 text-xs text-muted-foreground">
                    CPE serial on the subscription: {w.subscription.cpeSerial}
                  </p>
                ) : null}
              </Fact>
              {w.device ? (
                <Fact label="Device">
                  <Link href={`/network/devices/${w.device.id}`} className="text-primary hover:underline">
                    {w.device.name}
                  </Link>
                </Fact>
              ) : null}
              {w.instructions ? (
                <Fact label="Instructions" className="sm:col-span-2">
                  <p className="whitespace-pre-line">{w.instructions}</p>
                </Fact>
              ) : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Checklist</CardTitle>
            </CardHeader>
            <CardContent>
              {w.checklist.length === 0 ? (
                <p className="text-sm text-muted-foreground">No checklist for this job.</p>
              ) : (
                <ul className="grid gap-2 text-sm">
                  {w.checklist.map((item, i) => (
                    <li key={i} className="flex items-start gap-2">
                      {item.done ? (
                        <CheckCircle2 aria-label="Done" className="mt-0.5 size-4 text-success" />
                      ) : (
                        <Circle aria-label="Not done" className="mt-0.5 size-4 text-muted-foreground" />
                      )}
                      <span>
                        {item.label}
                        {item.required ? null : <span className="text-muted-foreground"> (optional)</span>}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>

          <OnSiteRecords w={w} timeZone={timeZone} />
        </div>

        <div className="grid content-start gap-4">
          <Card>
            <CardHeader>
              <CardTitle>Progress</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <Fact label="Scheduled">{formatWindow(w.windowStart, w.windowEnd, timeZone, true)}</Fact>
              <Fact label="On the way">{formatDateTime(w.startedAt, timeZone)}</Fact>
              <Fact label="Arrived">{formatDateTime(w.arrivedAt, timeZone)}</Fact>
              <Fact label="Completed">{formatDateTime(w.completedAt, timeZone)}</Fact>
              {open && w.missing.length ? (
                <Fact label="Still needed to complete">
                  <ul className="list-disc pl-4">
                    {w.missing.map((m) => (
                      <li key={m}>{m.charAt(0).toUpperCase() + m.slice(1)}</li>
                    ))}
                  </ul>
                </Fact>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Customer confirmation</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-2 text-sm">
              {w.signature ? (
                <>
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private, signed-in download */}
                  <img
                    src={w.signature.url}
                    alt={`Signature of ${w.signedByName ?? "the customer"}`}
                    className="h-28 w-full rounded border bg-white object-contain"
                  />
                  <p>
                    Signed by <span className="font-medium">{w.signedByName}</span>,{" "}
                    {formatDateTime(w.signedAt, timeZone)}
                  </p>
                </>
              ) : (
                <p className="text-muted-foreground">
                  {w.status === "COMPLETED" ? "Completed without a signature (see the notes)." : "Not signed yet."}
                </p>
              )}
              {w.completionNotes ? (
                <Fact label="Completion notes">
                  <p className="whitespace-pre-line">{w.completionNotes}</p>
                </Fact>
              ) : null}
            </CardContent>
          </Card>
        </div>
      </div>

      {canManage ? (
        <WorkOrderFormDialog open={editing} onOpenChange={setEditing} workOrder={w} timeZone={timeZone} />
      ) : null}
      {canManage ? <CancelDialog open={cancelling} onOpenChange={setCancelling} w={w} /> : null}
    </>
  );
}

function Fact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <p className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{label}</p>
      <div className="mt-1">{children}</div>
    </div>
  );
}

/** Readings, equipment and photos recorded on site (read-only here; the technician's view edits). */
export function OnSiteRecords({ w, timeZone }: { w: WorkOrderDetail; timeZone: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recorded on site</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5 text-sm">
        <section>
          <h3 className="mb-2 font-medium">Signal and speed</h3>
          {w.measurements.length === 0 ? (
            <p className="text-muted-foreground">No readings yet.</p>
          ) : (
            <table className="w-full text-left">
              <tbody>
                {w.measurements.map((m) => (
                  <tr key={m.id} className="border-b last:border-0">
                    <td className="py-1.5 pr-2">{m.label}</td>
                    <td className="py-1.5 pr-2 font-mono whitespace-nowrap">
                      {m.value} {m.unit}
                    </td>
                    <td className="hidden py-1.5 text-muted-foreground sm:table-cell">{m.note}</td>
                    <td className="py-1.5 text-right text-xs whitespace-nowrap text-muted-foreground">
                      {formatDateTime(m.recordedAt, timeZone)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h3 className="mb-2 font-medium">Equipment</h3>
          {w.equipment.length === 0 ? (
            <p className="text-muted-foreground">No equipment recorded.</p>
          ) : (
            <ul className="grid gap-1">
              {w.equipment.map((e) => (
                <li key={e.id}>
                  <span className="font-medium">{EQUIPMENT_LABELS[e.action]}:</span> {e.description} ·{" "}
                  <span className="font-mono">{e.serial}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <h3 className="mb-2 font-medium">Photos</h3>
          {w.photos.length === 0 ? (
            <p className="text-muted-foreground">No photos.</p>
          ) : (
            <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
              {w.photos.map((p) => (
                <li key={p.id}>
                  <a href={p.url} target="_blank" rel="noreferrer" className="block overflow-hidden rounded border">
                    {/* eslint-disable-next-line @next/next/no-img-element -- a private, signed-in download */}
                    <img src={p.url} alt={p.fileName} className="aspect-square w-full object-cover" loading="lazy" />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </CardContent>
    </Card>
  );
}

function CancelDialog({
  open,
  onOpenChange,
  w,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  w: WorkOrderDetail;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const form = useDialogForm(open, () => ({ reason: "" }), { resolver: checkWith(cancelSchema, () => ({ id: w.id })) });
  const reason = form.watch("reason");
  const cancel = useMutation(trpc.workOrders.cancel.mutationOptions());
  const onConfirm = form.handleSubmit(async (values) => {
    try {
      await cancel.mutateAsync({ id: w.id, reason: values.reason });
      toast({ variant: "success", title: `${w.numberLabel} is cancelled` });
      await queryClient.invalidateQueries(trpc.workOrders.pathFilter());
      onOpenChange(false);
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Cancel ${w.numberLabel}?`}
      description={
        w.technician ? `${w.technician.name} will no longer see it among their jobs.` : "The job will not take place."
      }
      confirmLabel="Cancel job"
      pendingLabel="Cancelling…"
      destructive
      pending={cancel.isPending}
      error={formErrorOf(form)}
      confirmDisabled={reason.trim().length < 3}
      onConfirm={onConfirm}
    >
      <FormField
        label="Reason"
        required
        error={form.formState.errors.reason?.message}
        description="Shown on the job, e.g. “Customer postponed to next week”."
      >
        <Textarea rows={2} {...form.register("reason")} />
      </FormField>
    </ConfirmDialog>
  );
}
