"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AlertTriangle,
  Camera,
  Check,
  CheckCircle2,
  Clock,
  MapPin,
  Navigation,
  Phone,
  Plus,
  Trash2,
  Truck,
} from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { cn } from "@/components/ui/cn";
import {
  addressSearchLink,
  EQUIPMENT_ACTIONS,
  EQUIPMENT_LABELS,
  equipmentSchema,
  isOpen,
  KIND_LABELS,
  MEASUREMENT_KINDS,
  MEASUREMENTS,
  measurementSchema,
  NEXT_STATUS,
  STEP_LABELS,
} from "@/server/modules/work-orders/schema";
import { DetailPage } from "../detail-page";
import { applyServerErrors, errorCode, errorMessage, FormError, formErrorOf } from "../errors";
import { fieldErrors } from "@/components/trpc/client";
import { formatDateTime } from "../format";
import { OnSiteRecords } from "../work-orders/work-order-detail";
import { formatWindow, telHref, WorkOrderStatusBadge, type WorkOrderDetail } from "../work-orders/shared";
import { SignaturePad, type SignaturePadHandle } from "./signature-pad";
import { VanCards } from "./van-stock";
import { shrinkPhoto, uploadFile } from "./upload";
import { useToastAction } from "../use-toast-action";

type MeasurementIn = z.input<typeof measurementSchema>;
type MeasurementOut = z.output<typeof measurementSchema>;
type EquipmentIn = z.input<typeof equipmentSchema>;
type EquipmentOut = z.output<typeof equipmentSchema>;

// The technician's page of one job, made for a phone held in one hand: big buttons, one column,
// each on-site step a card of its own. Everything it changes goes through the work-orders
// procedures, which refuse what does not fit the job's state (the messages are shown as they are).

const BIG = "h-12 text-base";

/** What a change to the job refreshes: the job, the technician's list and the office's. */
function jobLists(trpc: ReturnType<typeof useTRPC>, id: string) {
  return [
    trpc.workOrders.get.queryFilter({ id }),
    trpc.workOrders.mine.pathFilter(),
    trpc.workOrders.list.pathFilter(),
  ];
}

/** Invalidates the job and the technician's list after a change. */
function useRefresh(id: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return React.useCallback(async () => {
    for (const filters of jobLists(trpc, id)) await queryClient.invalidateQueries(filters);
  }, [queryClient, trpc, id]);
}

/** A tap that changes the job (next step, remove a reading): the job shows the outcome, a toast only a refusal. */
function useJobAction(id: string) {
  return useToastAction(jobLists(useTRPC(), id));
}

export function JobView({ id, timeZone }: { id: string; timeZone: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.workOrders.get.queryOptions({ id }));
  return (
    <DetailPage
      query={query}
      what="job"
      back={{ href: "/field", label: "My jobs" }}
      // One narrow column with big tap targets: technicians use this page on a phone.
      className="mx-auto grid max-w-xl gap-4 pb-16"
      backClassName="mb-0 min-h-11"
      skeleton={
        <>
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-40 w-full" />
        </>
      }
    >
      {(w) => <Job w={w} timeZone={timeZone} />}
    </DetailPage>
  );
}

function Job({ w, timeZone }: { w: WorkOrderDetail; timeZone: string }) {
  const onSite = w.status === "ON_SITE";
  return (
    <>
      <header className="grid gap-1">
        <div className="flex items-center gap-2 text-sm text-muted-foreground">
          <span className="font-mono">{w.numberLabel}</span> · {KIND_LABELS[w.kind]}{" "}
          <WorkOrderStatusBadge status={w.status} />
        </div>
        <h1 className="text-xl leading-tight font-semibold">{w.title}</h1>
        {w.customer ? (
          <p className="text-muted-foreground">
            {w.customer.displayName} · {w.customer.accountNo}
          </p>
        ) : null}
      </header>

      <QuickActions w={w} />

      <Card>
        <CardContent className="grid gap-3 pt-6 text-sm">
          <p className="flex items-center gap-2 text-base font-medium">
            <Clock aria-hidden className="size-5 text-muted-foreground" />
            {formatWindow(w.windowStart, w.windowEnd, timeZone, true)}
          </p>
          <p className="flex items-start gap-2 text-base">
            <MapPin aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
            <span className="whitespace-pre-line">{w.address}</span>
          </p>
          {w.instructions ? (
            <div className="rounded-lg bg-muted/60 p-3">
              <p className="mb-1 text-xs font-medium tracking-wide text-muted-foreground uppercase">Instructions</p>
              <p className="whitespace-pre-line">{w.instructions}</p>
            </div>
          ) : null}
          {w.subscription ? (
            <p className="text-muted-foreground">
              Service: {w.subscription.packageName}
              {w.subscription.pppoeUsername ? ` · PPPoE ${w.subscription.pppoeUsername}` : ""}
            </p>
          ) : null}
        </CardContent>
      </Card>

      {isOpen(w.status) ? <StatusStep w={w} /> : null}

      {onSite ? (
        <>
          <ChecklistCard w={w} />
          <MeasurementsCard w={w} timeZone={timeZone} />
          <VanCards w={w} />
          <EquipmentCard w={w} />
          <PhotosCard w={w} />
          <CompleteCard w={w} timeZone={timeZone} />
        </>
      ) : isOpen(w.status) ? (
        <p className="rounded-lg border border-dashed p-4 text-center text-sm text-muted-foreground">
          The checklist, readings, equipment, photos and the customer&apos;s signature open once you tap “
          {STEP_LABELS.ON_SITE}”.
        </p>
      ) : (
        <>
          {w.status === "COMPLETED" ? (
            <Alert>
              <CheckCircle2 aria-hidden />
              <AlertTitle>Completed {formatDateTime(w.completedAt, timeZone)}</AlertTitle>
              <AlertDescription>
                {w.signedByName ? `Signed by ${w.signedByName}.` : "Completed without a signature."}
              </AlertDescription>
            </Alert>
          ) : (
            <Alert variant="destructive">
              <AlertTriangle aria-hidden />
              <AlertTitle>Cancelled</AlertTitle>
              <AlertDescription>{w.cancelReason}</AlertDescription>
            </Alert>
          )}
          <OnSiteRecords w={w} timeZone={timeZone} />
        </>
      )}
    </>
  );
}

function QuickActions({ w }: { w: WorkOrderDetail }) {
  const phone = w.customer?.phone ?? w.customer?.altPhone ?? null;
  const cell =
    "flex h-16 flex-col items-center justify-center gap-1 rounded-xl border bg-card text-sm font-medium shadow-sm active:bg-accent aria-disabled:pointer-events-none aria-disabled:opacity-40";
  return (
    <div className="grid grid-cols-3 gap-2">
      <a href={phone ? telHref(phone) : undefined} aria-disabled={!phone} className={cell}>
        <Phone aria-hidden className="size-5" />
        Call
      </a>
      <a href={w.map?.osm ?? addressSearchLink(w.address)} target="_blank" rel="noreferrer" className={cell}>
        <MapPin aria-hidden className="size-5" />
        Map
      </a>
      <a href={w.map?.geo ?? `geo:0,0?q=${encodeURIComponent(w.address)}`} className={cell}>
        <Navigation aria-hidden className="size-5" />
        Navigate
      </a>
    </div>
  );
}

function StatusStep({ w }: { w: WorkOrderDetail }) {
  const trpc = useTRPC();
  const act = useJobAction(w.id);
  const next = NEXT_STATUS[w.status];
  const advance = useMutation(trpc.workOrders.advance.mutationOptions());
  if (next !== "EN_ROUTE" && next !== "ON_SITE") return null;
  return (
    <Button
      className="h-14 w-full text-lg"
      onClick={() =>
        act(async () => {
          await advance.mutateAsync({ id: w.id, status: next });
        }, "Could not update the job")
      }
      disabled={act.pending}
    >
      {act.pending ? (
        <Spinner className="text-current" label="Saving" />
      ) : next === "EN_ROUTE" ? (
        <Truck aria-hidden />
      ) : (
        <MapPin aria-hidden />
      )}
      {STEP_LABELS[next]}
    </Button>
  );
}

function ChecklistCard({ w }: { w: WorkOrderDetail }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh(w.id);
  const [busy, setBusy] = React.useState<number | null>(null);
  const tick = useMutation(trpc.workOrders.tick.mutationOptions());
  // The tick shows at once (on a slow phone connection a box that springs back looks like the
  // tap did nothing); it reverts only if the save fails.
  const [shown, setShown] = React.useState<{ index: number; done: boolean } | null>(null);
  async function toggle(index: number, done: boolean) {
    setBusy(index);
    setShown({ index, done });
    try {
      await tick.mutateAsync({ id: w.id, index, done });
      await refresh();
    } catch (err) {
      toast({ variant: "destructive", title: "Could not save the checklist", description: errorMessage(err) });
    } finally {
      setShown(null);
      setBusy(null);
    }
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          Checklist{" "}
          <span className="text-sm font-normal text-muted-foreground">
            {w.checklistDone}/{w.checklist.length}
          </span>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {w.checklist.length === 0 ? <p className="text-sm text-muted-foreground">No checklist for this job.</p> : null}
        <ul className="grid gap-2">
          {w.checklist.map((item, i) => (
            <li key={i}>
              <label
                className={cn(
                  "flex min-h-12 cursor-pointer items-center gap-3 rounded-lg border px-3 py-2",
                  (shown?.index === i ? shown.done : item.done) && "border-success/40 bg-success/5",
                )}
              >
                <input
                  type="checkbox"
                  className="size-6 shrink-0 accent-primary"
                  checked={shown?.index === i ? shown.done : item.done}
                  disabled={busy !== null}
                  onChange={(e) => toggle(i, e.target.checked)}
                />
                <span className="flex-1 text-base">
                  {item.label}
                  {item.required ? null : <span className="text-sm text-muted-foreground"> (optional)</span>}
                </span>
                {busy === i ? <Spinner label="Saving" /> : null}
              </label>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** A recorded reading or device, with a button to take it off the job. */
function RemovableItem({
  label,
  onRemove,
  disabled,
  children,
}: {
  label: string;
  onRemove: () => void;
  disabled: boolean;
  children: React.ReactNode;
}) {
  return (
    <li className="flex items-center gap-2 rounded-lg border px-3 py-2">
      {children}
      <Button variant="ghost" size="icon" className="size-11" aria-label={label} onClick={onRemove} disabled={disabled}>
        <Trash2 aria-hidden />
      </Button>
    </li>
  );
}

/** The error of an on-site form, if any, and its submit button (a spinner while it saves). */
function AddButton({
  error,
  pending,
  disabled,
  children,
}: {
  error: string | null;
  pending: boolean;
  disabled: boolean;
  children: React.ReactNode;
}) {
  return (
    <>
      <FormError message={error} />
      <Button type="submit" variant="secondary" className={BIG} disabled={pending || disabled}>
        {pending ? <Spinner className="text-current" label="Saving" /> : <Plus aria-hidden />}
        {children}
      </Button>
    </>
  );
}

function MeasurementsCard({ w, timeZone }: { w: WorkOrderDetail; timeZone: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh(w.id);
  const form = useForm<MeasurementIn, unknown, MeasurementOut>({
    resolver: zodResolver(measurementSchema),
    defaultValues: { workOrderId: w.id, kind: "OPTICAL_POWER_DBM", value: "", note: "" },
  });
  const kind = form.watch("kind");
  const value = String(form.watch("value") ?? "");
  const spec = MEASUREMENTS[kind];
  const error = form.formState.errors.value?.message ?? formErrorOf(form) ?? null;
  const record = useMutation(trpc.workOrders.recordMeasurement.mutationOptions());
  const remove = useMutation(trpc.workOrders.removeMeasurement.mutationOptions());
  const removing = useJobAction(w.id);

  // Phone keypads in decimal mode often have no minus key: a button flips the sign.
  const flipSign = () => form.setValue("value", value.startsWith("-") ? value.slice(1) : `-${value}`);

  const submit = form.handleSubmit(async (data) => {
    try {
      const m = await record.mutateAsync(data);
      toast({ variant: "success", title: `${m.label}: ${m.value} ${m.unit} saved` });
      form.reset({ workOrderId: w.id, kind: data.kind, value: "", note: "" });
      await refresh();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Signal and speed</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {w.measurements.length ? (
          <ul className="grid gap-2">
            {w.measurements.map((m) => (
              <RemovableItem
                key={m.id}
                label={`Remove ${m.label} ${m.value}`}
                onRemove={() =>
                  removing(async () => {
                    await remove.mutateAsync({ workOrderId: w.id, id: m.id });
                  }, "Could not remove the reading")
                }
                disabled={removing.pending}
              >
                <div className="flex-1">
                  <p className="font-medium">
                    {m.label}: <span className="font-mono">{m.value}</span> {m.unit}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {formatDateTime(m.recordedAt, timeZone)}
                    {m.note ? ` · ${m.note}` : ""}
                  </p>
                </div>
              </RemovableItem>
            ))}
          </ul>
        ) : null}
        <form onSubmit={submit} noValidate className="grid gap-3">
          <div className="grid gap-2">
            <Label htmlFor="m-kind">What did you measure?</Label>
            <NativeSelect id="m-kind" {...form.register("kind")} className="[&_select]:h-12 [&_select]:text-base">
              {MEASUREMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MEASUREMENTS[k].label} ({MEASUREMENTS[k].unit})
                </option>
              ))}
            </NativeSelect>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="m-value">
              Value in {spec.unit}{" "}
              <span className="font-normal text-muted-foreground">
                ({spec.min} to {spec.max})
              </span>
            </Label>
            <div className="flex gap-2">
              {spec.min < 0 ? (
                <Button
                  type="button"
                  variant="outline"
                  className="h-12 w-14 text-lg"
                  onClick={flipSign}
                  aria-label="Change sign"
                >
                  ±
                </Button>
              ) : null}
              <Input
                id="m-value"
                inputMode="decimal"
                autoComplete="off"
                placeholder={spec.hint.replace(/^.*e\.g\. /, "")}
                className={BIG}
                {...form.register("value")}
                aria-invalid={error ? true : undefined}
                aria-describedby="m-value-hint"
              />
              <span className="flex items-center text-sm text-muted-foreground">{spec.unit}</span>
            </div>
            <p id="m-value-hint" className="text-sm text-muted-foreground">
              {spec.hint}
            </p>
          </div>
          <Input
            aria-label="Note (optional)"
            placeholder="Note (optional), e.g. at the ONT, bedroom"
            className={BIG}
            {...form.register("note")}
          />
          <AddButton error={error} pending={record.isPending} disabled={!value.trim()}>
            Save reading
          </AddButton>
        </form>
      </CardContent>
    </Card>
  );
}

function EquipmentCard({ w }: { w: WorkOrderDetail }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh(w.id);
  const form = useForm<EquipmentIn, unknown, EquipmentOut>({
    resolver: zodResolver(equipmentSchema),
    defaultValues: { workOrderId: w.id, action: "INSTALLED", description: "", serial: "" },
  });
  const action = form.watch("action");
  const description = form.watch("description") ?? "";
  const serial = form.watch("serial") ?? "";
  const { errors } = form.formState;
  const error = errors.serial?.message ?? errors.description?.message ?? formErrorOf(form) ?? null;
  const [warnings, setWarnings] = React.useState<string[]>([]);
  const add = useMutation(trpc.workOrders.addEquipment.mutationOptions());
  const remove = useMutation(trpc.workOrders.removeEquipment.mutationOptions());
  const removing = useJobAction(w.id);

  const submit = form.handleSubmit(async (data) => {
    try {
      const res = await add.mutateAsync(data);
      setWarnings(res.warnings);
      toast({ variant: "success", title: `${res.equipment.serial} recorded` });
      form.reset({ ...form.getValues(), serial: "" });
      await refresh();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>Equipment</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {warnings.length ? (
          <Alert>
            <AlertTriangle aria-hidden />
            <AlertTitle>Check this serial</AlertTitle>
            <AlertDescription>{warnings.join(" ")}</AlertDescription>
          </Alert>
        ) : null}
        {w.equipment.length ? (
          <ul className="grid gap-2">
            {w.equipment.map((e) => (
              <RemovableItem
                key={e.id}
                label={`Remove ${e.serial}`}
                onRemove={() =>
                  removing(async () => {
                    await remove.mutateAsync({ workOrderId: w.id, id: e.id });
                  }, "Could not remove it")
                }
                disabled={removing.pending}
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{e.description}</p>
                  <p className="text-sm text-muted-foreground">
                    {EQUIPMENT_LABELS[e.action]} · <span className="font-mono break-all">{e.serial}</span>
                  </p>
                </div>
              </RemovableItem>
            ))}
          </ul>
        ) : null}
        <form onSubmit={submit} noValidate className="grid gap-3">
          <div className="grid grid-cols-3 gap-2" role="radiogroup" aria-label="What happened to it">
            {EQUIPMENT_ACTIONS.map((a) => (
              <button
                key={a}
                type="button"
                role="radio"
                aria-checked={action === a}
                onClick={() => form.setValue("action", a)}
                className={cn(
                  "h-12 rounded-lg border text-sm font-medium",
                  action === a ? "border-primary bg-primary text-primary-foreground" : "bg-background",
                )}
              >
                {a === "REPLACED" ? "Replaced" : EQUIPMENT_LABELS[a]}
              </button>
            ))}
          </div>
          <Input
            aria-label="Device"
            placeholder="Device, e.g. Huawei HG8245H ONT"
            className={BIG}
            {...form.register("description")}
          />
          <Input
            aria-label="Serial number"
            placeholder="Serial number"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            className={cn(BIG, "font-mono")}
            {...form.register("serial")}
          />
          <AddButton error={error} pending={add.isPending} disabled={!serial.trim() || !description.trim()}>
            Record equipment
          </AddButton>
        </form>
      </CardContent>
    </Card>
  );
}

function PhotosCard({ w }: { w: WorkOrderDetail }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh(w.id);
  const input = React.useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = React.useState<string | null>(null);
  const addPhotos = useMutation(trpc.workOrders.addPhotos.mutationOptions());
  const removePhoto = useMutation(trpc.workOrders.removePhoto.mutationOptions());
  const removing = useJobAction(w.id);

  async function onFiles(files: FileList | null) {
    if (!files?.length) return;
    const list = Array.from(files).slice(0, 5);
    try {
      const ids: string[] = [];
      for (const [i, file] of list.entries()) {
        setUploading(`Sending photo ${i + 1} of ${list.length}…`);
        ids.push((await uploadFile(await shrinkPhoto(file), "PHOTO")).id);
      }
      await addPhotos.mutateAsync({ workOrderId: w.id, attachmentIds: ids });
      toast({ variant: "success", title: ids.length === 1 ? "Photo added" : `${ids.length} photos added` });
      await refresh();
    } catch (err) {
      toast({ variant: "destructive", title: "Could not add the photo", description: errorMessage(err) });
    } finally {
      setUploading(null);
      if (input.current) input.current.value = "";
    }
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle>Photos</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        {w.photos.length ? (
          <ul className="grid grid-cols-3 gap-2">
            {w.photos.map((p) => (
              <li key={p.id} className="relative">
                <a href={p.url} target="_blank" rel="noreferrer" className="block overflow-hidden rounded-lg border">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private, signed-in download */}
                  <img src={p.url} alt={p.fileName} className="aspect-square w-full object-cover" loading="lazy" />
                </a>
                <Button
                  variant="secondary"
                  size="icon"
                  className="absolute top-1 right-1 size-9 opacity-90"
                  aria-label={`Remove ${p.fileName}`}
                  onClick={() =>
                    removing(async () => {
                      await removePhoto.mutateAsync({ workOrderId: w.id, id: p.id });
                    }, "Could not remove the photo")
                  }
                  disabled={removing.pending}
                >
                  <Trash2 aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">Photograph the installation, the ONT and anything unusual.</p>
        )}
        <input
          ref={input}
          id="photo-input"
          tabIndex={-1}
          aria-label="Photos"
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          className="sr-only"
          onChange={(e) => onFiles(e.target.files)}
        />
        <Button
          type="button"
          variant="secondary"
          className={BIG}
          onClick={() => input.current?.click()}
          disabled={!!uploading}
        >
          {uploading ? <Spinner className="text-current" label="Sending" /> : <Camera aria-hidden />}
          {uploading ?? "Take a photo"}
        </Button>
      </CardContent>
    </Card>
  );
}

function CompleteCard({ w, timeZone }: { w: WorkOrderDetail; timeZone: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const refresh = useRefresh(w.id);
  const pad = React.useRef<SignaturePadHandle>(null);
  const [mode, setMode] = React.useState<"sign" | "absent">("sign");
  // The words typed on this card; the signature pad, the mode and the server's answers are state.
  const form = useForm({ defaultValues: { signer: w.customer?.displayName ?? "", absentNote: "", notes: "" } });
  const signer = form.watch("signer");
  const absentNote = form.watch("absentNote");
  const [padEmpty, setPadEmpty] = React.useState(true);
  const [resign, setResign] = React.useState(false);
  const [signing, setSigning] = React.useState(false);
  const [signError, setSignError] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const sign = useMutation(trpc.workOrders.sign.mutationOptions());
  const complete = useMutation(trpc.workOrders.complete.mutationOptions());
  const signed = !!w.signature && !resign;
  const missingBox = React.useRef<HTMLDivElement>(null);

  async function saveSignature() {
    setSignError(null);
    setSigning(true);
    try {
      const file = await pad.current?.toFile();
      if (!file) throw new Error("Ask the customer to sign in the box first.");
      const uploaded = await uploadFile(file, "SIGNATURE");
      await sign.mutateAsync({ workOrderId: w.id, signedByName: signer, signatureId: uploaded.id });
      setResign(false);
      await refresh();
    } catch (err) {
      setSignError(fieldErrors(err).signedByName ?? errorMessage(err));
    } finally {
      setSigning(false);
    }
  }

  async function finish() {
    setError(null);
    try {
      const done = await complete.mutateAsync({
        id: w.id,
        notes: form.getValues("notes"),
        customerAbsentNote: mode === "absent" && !w.signature ? absentNote : null,
      });
      toast({
        variant: "success",
        title: `${done.numberLabel} completed`,
        description: done.cpeSerialRecorded
          ? `CPE serial ${done.cpeSerialRecorded} saved on the subscription.`
          : undefined,
      });
      await refresh();
      window.scrollTo({ top: 0, behavior: "smooth" });
    } catch (err) {
      await refresh();
      // "Cannot be completed yet: …" repeats the list shown above the button: point at the list instead.
      if (errorCode(err) === "UNPROCESSABLE_CONTENT" && missing.length)
        missingBox.current?.scrollIntoView({ behavior: "smooth", block: "center" });
      else setError(errorMessage(err));
    }
  }

  // What the server will still ask for, given what is on this screen.
  const missing = w.missing.filter(
    (m) => !(m.startsWith("get the customer's signature") && mode === "absent" && absentNote.trim().length > 0),
  );

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Customer confirmation</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="grid grid-cols-2 gap-2" role="radiogroup" aria-label="How the customer confirms">
            {(
              [
                ["sign", "Customer signs"],
                ["absent", "Customer not present"],
              ] as const
            ).map(([m, text]) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={mode === m}
                onClick={() => setMode(m)}
                className={cn(
                  "h-12 rounded-lg border text-sm font-medium",
                  mode === m ? "border-primary bg-primary text-primary-foreground" : "bg-background",
                )}
              >
                {text}
              </button>
            ))}
          </div>
          {mode === "sign" ? (
            signed ? (
              <div className="grid gap-2">
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, signed-in download */}
                <img
                  src={w.signature!.url}
                  alt={`Signature of ${w.signedByName}`}
                  className="h-32 w-full rounded-lg border bg-white object-contain"
                />
                <p className="flex items-start gap-2 text-sm">
                  <Check aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
                  <span>
                    Signed by <span className="font-medium">{w.signedByName}</span>,{" "}
                    {formatDateTime(w.signedAt, timeZone)}
                  </span>
                </p>
                <Button type="button" variant="outline" className={BIG} onClick={() => setResign(true)}>
                  Sign again
                </Button>
              </div>
            ) : (
              <div className="grid gap-3">
                <div className="grid gap-2">
                  <Label htmlFor="signer">Name of the person signing</Label>
                  <Input id="signer" autoComplete="off" className={BIG} {...form.register("signer")} />
                </div>
                <SignaturePad ref={pad} onChange={setPadEmpty} label="Customer's signature" />
                <FormError message={signError} />
                <Button
                  type="button"
                  variant="secondary"
                  className={BIG}
                  onClick={saveSignature}
                  disabled={signing || padEmpty || signer.trim().length < 2}
                >
                  {signing ? <Spinner className="text-current" label="Saving" /> : <Check aria-hidden />}
                  Save signature
                </Button>
              </div>
            )
          ) : (
            <div className="grid gap-2">
              <Label htmlFor="absent-note">Why could the customer not confirm?</Label>
              <Textarea
                id="absent-note"
                rows={3}
                className="text-base"
                placeholder="e.g. Nobody home; the caretaker let me in and saw the service working."
                {...form.register("absentNote")}
              />
              <p className="text-sm text-muted-foreground">Saved with the job when you complete it.</p>
            </div>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Finish the job</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          <Textarea
            aria-label="Notes for the office (optional)"
            rows={3}
            className="text-base"
            placeholder="Notes for the office (optional)"
            {...form.register("notes")}
          />
          {missing.length ? (
            <div
              ref={missingBox}
              role="status"
              className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/30 dark:text-amber-200"
            >
              <p className="font-medium">Before you can complete:</p>
              <ul className="mt-1 list-disc pl-5">
                {missing.map((m) => (
                  <li key={m}>{m.charAt(0).toUpperCase() + m.slice(1)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <FormError message={error} />
          <Button className="h-14 w-full text-lg" onClick={finish} disabled={complete.isPending}>
            {complete.isPending ? <Spinner className="text-current" label="Saving" /> : <CheckCircle2 aria-hidden />}
            {STEP_LABELS.COMPLETED}
          </Button>
        </CardContent>
      </Card>
    </>
  );
}
