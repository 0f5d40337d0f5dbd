"use client";

import * as React from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CalendarPlus, Pencil, Star, Trash2, X } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { WEEKDAY_NAMES } from "@/server/modules/sla/clock";
import { addHolidaySchema, minutesToClock } from "@/server/modules/sla/schema";
import type { SupportSettings } from "@/server/modules/sla/settings";
import { ConfirmDialog } from "../confirm-dialog";
import { applyServerErrors, errorMessage, FormError, formErrorOf } from "../errors";
import { formatDate } from "../format";
import type { Option } from "../locale-options";
import { useToastAction } from "../use-toast-action";
import { CalendarDialog, WEEK_ORDER } from "./calendar-dialog";

type Calendar = SupportSettings["calendars"][number];

/** "Mon–Fri 08:00–17:00 · Sat 09:00–13:00": consecutive days with the same hours grouped. */
export function describeHours(hours: Calendar["hours"]): string {
  const text = (d: number) =>
    (hours[String(d)] ?? []).map(([s, e]) => `${minutesToClock(s)}–${minutesToClock(e)}`).join(", ");
  const groups: { from: number; to: number; text: string }[] = [];
  for (const d of WEEK_ORDER) {
    const t = text(d);
    const last = groups[groups.length - 1];
    if (last && last.text === t) last.to = d;
    else groups.push({ from: d, to: d, text: t });
  }
  const short = (d: number) => WEEKDAY_NAMES[d].slice(0, 3);
  const open = groups.filter((g) => g.text);
  if (open.length === 0) return "Closed all week";
  return open
    .map((g) => `${g.from === g.to ? short(g.from) : `${short(g.from)}–${short(g.to)}`} ${g.text}`)
    .join(" · ");
}

export function CalendarsCard({
  calendars,
  companyTimeZone,
  timeZones,
}: {
  calendars: Calendar[];
  companyTimeZone: string;
  timeZones: Option[];
}) {
  const [editing, setEditing] = React.useState<Calendar | null | "new">(null);
  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4 space-y-0">
        <div className="space-y-1.5">
          <CardTitle>Business calendars</CardTitle>
          <CardDescription>
            When your desk is open. Business-hours targets run on the default calendar; public holidays are closed all
            day.
          </CardDescription>
        </div>
        <Button variant="outline" onClick={() => setEditing("new")}>
          <CalendarPlus aria-hidden />
          Add calendar
        </Button>
      </CardHeader>
      <CardContent className="grid gap-4">
        {calendars.length === 0 ? (
          <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">
            No calendar yet, so business-hours targets count every minute. Add your desk&apos;s opening hours to count
            only those.
          </p>
        ) : (
          calendars.map((c) => <CalendarItem key={c.id} calendar={c} onEdit={() => setEditing(c)} />)
        )}
      </CardContent>
      <CalendarDialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        calendar={editing === "new" ? null : editing}
        companyTimeZone={companyTimeZone}
        timeZones={timeZones}
      />
    </Card>
  );
}

function CalendarItem({ calendar, onEdit }: { calendar: Calendar; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = { queryKey: trpc.sla.settings.queryKey() };
  const refresh = () => queryClient.invalidateQueries(settings);
  const makeDefault = useMutation(trpc.sla.setDefaultCalendar.mutationOptions());
  const remove = useMutation(trpc.sla.deleteCalendar.mutationOptions({ onSuccess: refresh }));
  const removeHoliday = useMutation(trpc.sla.removeHoliday.mutationOptions());
  const defaulting = useToastAction(settings);
  const removingHoliday = useToastAction(settings);
  const [confirmDelete, setConfirmDelete] = React.useState(false);

  return (
    <section aria-label={calendar.name} className="rounded-lg border p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h4 className="flex flex-wrap items-center gap-2 font-medium">
            {calendar.name}
            {calendar.isDefault ? <Badge variant="secondary">Default</Badge> : null}
          </h4>
          <p className="text-sm text-muted-foreground">
            {describeHours(calendar.hours)} <span className="whitespace-nowrap">({calendar.timeZone})</span>
          </p>
          {calendar.openTickets > 0 ? (
            <p className="text-xs text-muted-foreground">
              {calendar.openTickets === 1 ? "1 open ticket runs" : `${calendar.openTickets} open tickets run`} on this
              calendar.
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" onClick={onEdit}>
            <Pencil aria-hidden />
            Edit hours
          </Button>
          {calendar.isDefault ? null : (
            <Button
              size="sm"
              variant="outline"
              disabled={defaulting.pending}
              onClick={() =>
                defaulting(async () => {
                  await makeDefault.mutateAsync({ id: calendar.id });
                  return `${calendar.name} is now the default calendar`;
                }, "Not changed")
              }
            >
              <Star aria-hidden />
              Make default
            </Button>
          )}
          {calendar.isDefault ? null : (
            <Button
              size="sm"
              variant="ghost"
              className="text-destructive"
              onClick={() => {
                remove.reset();
                setConfirmDelete(true);
              }}
            >
              <Trash2 aria-hidden />
              Delete
            </Button>
          )}
        </div>
      </div>

      <div className="mt-4 grid gap-2">
        <h5 className="text-sm font-medium">Holidays</h5>
        {calendar.holidays.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No holidays yet: add public holidays so their days do not count.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {calendar.holidays.map((h) => (
              <li
                key={h.id}
                className="inline-flex items-center gap-1 rounded-md border bg-muted/40 py-0.5 pr-0.5 pl-2 text-sm"
              >
                <span>
                  {formatDate(`${h.date}T12:00:00Z`, "UTC")} · {h.name}
                </span>
                <Button
                  size="icon"
                  variant="ghost"
                  className="size-6"
                  aria-label={`Remove holiday ${h.name} on ${h.date}`}
                  disabled={removingHoliday.pending}
                  onClick={() =>
                    removingHoliday(async () => {
                      await removeHoliday.mutateAsync({ id: h.id });
                    }, "Not removed")
                  }
                >
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <AddHolidayForm calendarId={calendar.id} onAdded={refresh} />
      </div>

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${calendar.name}?`}
        description="Its hours and holidays are removed. Resolved tickets that ran on it keep their recorded due times."
        confirmLabel="Delete calendar"
        pendingLabel="Deleting…"
        destructive
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() =>
          remove.mutate(
            { id: calendar.id },
            {
              onSuccess: () => {
                setConfirmDelete(false);
                toast({ variant: "success", title: "Calendar deleted" });
              },
            },
          )
        }
      />
    </section>
  );
}

type HolidayIn = z.input<typeof addHolidaySchema>;
type HolidayOut = z.output<typeof addHolidaySchema>;

function AddHolidayForm({ calendarId, onAdded }: { calendarId: string; onAdded: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const add = useMutation(trpc.sla.addHoliday.mutationOptions());
  const form = useForm<HolidayIn, unknown, HolidayOut>({
    resolver: zodResolver(addHolidaySchema),
    defaultValues: { calendarId, date: "", name: "" },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await add.mutateAsync(values);
      form.reset({ calendarId, date: "", name: "" });
      await onAdded();
    } catch (err) {
      applyServerErrors(form, err);
    }
  });
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-2" aria-label="Add a holiday">
      <FormError message={formErrorOf(form)} />
      <div className="flex flex-wrap items-start gap-2">
        <FormField label="Date" error={errors.date?.message} className="w-44">
          <Input type="date" {...form.register("date")} />
        </FormField>
        <FormField label="Holiday" error={errors.name?.message} className="min-w-48 flex-1">
          <Input placeholder="Jamhuri Day" {...form.register("name")} />
        </FormField>
        <Button type="submit" variant="outline" className="mt-[1.625rem]" disabled={add.isPending}>
          {add.isPending ? <Spinner className="text-current" label="Adding" /> : null}
          Add holiday
        </Button>
      </div>
    </form>
  );
}
