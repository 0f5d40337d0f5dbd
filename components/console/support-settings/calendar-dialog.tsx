"use client";

import * as React from "react";
import { useFieldArray, type Control, type UseFormRegister } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { fieldErrors, useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { WEEKDAY_NAMES } from "@/server/modules/sla/clock";
import { clockToMinutes, minutesToClock, saveCalendarSchema } from "@/server/modules/sla/schema";
import type { SupportSettings } from "@/server/modules/sla/settings";
import { errorMessage, FormError, formErrorOf, setFormError } from "../errors";
import { OptionsList } from "../locale-fields";
import type { Option } from "../locale-options";
import { FormDialogFooter } from "../form-dialog";
import { useDialogForm } from "../use-dialog-form";

type Calendar = SupportSettings["calendars"][number];
interface Period {
  start: string;
  end: string;
}
interface Values {
  name: string;
  timeZone: string;
  days: { periods: Period[] }[];
}

// Time inputs cannot show 24:00: a period ending at midnight is shown and entered as 00:00.

/** Monday first, as people read a week; keys stay 0 (Sunday) … 6. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

function toValues(c: Calendar | null, timeZone: string): Values {
  const hours = c?.hours ?? {
    "1": [[480, 1020]],
    "2": [[480, 1020]],
    "3": [[480, 1020]],
    "4": [[480, 1020]],
    "5": [[480, 1020]],
  };
  return {
    name: c?.name ?? "",
    timeZone: c?.timeZone ?? timeZone,
    days: [0, 1, 2, 3, 4, 5, 6].map((d) => ({
      periods: (hours[String(d)] ?? []).map(([s, e]) => ({
        start: minutesToClock(s),
        end: e === 1440 ? "00:00" : minutesToClock(e),
      })),
    })),
  };
}

/** Creates a calendar (calendar null) or edits one: name, time zone and open periods per weekday. */
export function CalendarDialog({
  open,
  onOpenChange,
  calendar,
  companyTimeZone,
  timeZones,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  calendar: Calendar | null;
  companyTimeZone: string;
  timeZones: Option[];
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useDialogForm<Values>(open, () => toValues(calendar, companyTimeZone), {});
  const save = useMutation(trpc.sla.saveCalendar.mutationOptions());
  // A weekday's problem sits on that day's row, one about the whole week below them. They are root
  // errors ("root.day3", "root.week"), which the next submit and the next opening clear.
  const showDayErrors = (days: Record<string, string>) => {
    for (const [day, message] of Object.entries(days))
      form.setError(/^[0-6]$/.test(day) ? `root.day${day}` : "root.week", { type: "validate", message });
  };

  const onSubmit = form.handleSubmit(async (values) => {
    form.clearErrors();
    const days: Record<string, string> = {};
    const hours: Record<string, [number, number][]> = {};
    values.days.forEach((d, day) => {
      const periods: [number, number][] = [];
      for (const p of d.periods) {
        const s = clockToMinutes(p.start);
        const e = clockToMinutes(p.end);
        if (s === null || e === null) days[String(day)] ??= `${WEEKDAY_NAMES[day]}: enter times like 08:00 and 17:00.`;
        else periods.push([s === 1440 ? 0 : s, e === 0 ? 1440 : e]);
      }
      hours[String(day)] = periods;
    });
    const input = { id: calendar?.id, name: values.name, timeZone: values.timeZone, hours };
    const apply = (entries: [string, string][]) => {
      for (const [path, message] of entries) {
        if (path === "name" || path === "timeZone") form.setError(path, { type: "validate", message });
        else if (path.startsWith("hours")) days[path.split(".")[1] ?? "_"] ??= message;
        else setFormError(form, message);
      }
    };
    if (Object.keys(days).length === 0) {
      const parsed = saveCalendarSchema.safeParse(input);
      if (!parsed.success) apply(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    }
    showDayErrors(days);
    if (Object.keys(days).length > 0 || Object.keys(form.formState.errors).length > 0) return;
    try {
      await save.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.sla.settings.queryKey() });
      toast({ variant: "success", title: calendar ? "Calendar saved" : "Calendar added" });
      onOpenChange(false);
    } catch (err) {
      const fields = Object.entries(fieldErrors(err));
      apply(fields);
      showDayErrors(days);
      if (fields.length === 0) setFormError(form, errorMessage(err));
    }
  });

  const { errors } = form.formState;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>{calendar ? `Edit ${calendar.name}` : "Add a business calendar"}</DialogTitle>
          <DialogDescription>
            Open hours in the calendar&apos;s own time zone. A period that ends before it starts runs overnight
            (22:00–06:00).
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={onSubmit} className="grid gap-5">
          <FormError message={formErrorOf(form)} title="The calendar was not saved" />
          <div className="grid items-start gap-4 sm:grid-cols-2">
            <FormField label="Name" error={errors.name?.message} required>
              <Input {...form.register("name")} placeholder="Support desk" />
            </FormField>
            <FormField label="Time zone" error={errors.timeZone?.message} required>
              <Input list="calendar-timezones" autoComplete="off" {...form.register("timeZone")} />
            </FormField>
            <OptionsList id="calendar-timezones" options={timeZones} />
          </div>
          <fieldset className="grid gap-1">
            <legend className="mb-2 text-sm font-medium">Weekly hours</legend>
            {WEEK_ORDER.map((day) => (
              <DayRow
                key={day}
                day={day}
                control={form.control}
                register={form.register}
                error={errors.root?.[`day${day}`]?.message}
              />
            ))}
            {errors.root?.week ? (
              <p className="text-sm font-medium text-destructive">{errors.root.week.message}</p>
            ) : null}
          </fieldset>
          <FormDialogFooter
            pending={save.isPending}
            submitLabel={calendar ? "Save calendar" : "Add calendar"}
            pendingText="Saving…"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

function DayRow({
  day,
  control,
  register,
  error,
}: {
  day: number;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  error?: string;
}) {
  const { fields, append, remove } = useFieldArray({ control, name: `days.${day}.periods` });
  const name = WEEKDAY_NAMES[day];
  return (
    <div className="grid gap-1 border-b py-2 last:border-b-0 sm:grid-cols-[7rem_1fr] sm:items-start">
      <span className="pt-2 text-sm font-medium">{name}</span>
      <div className="grid gap-2">
        {fields.length === 0 ? <span className="pt-2 text-sm text-muted-foreground">Closed</span> : null}
        {fields.map((f, i) => (
          <div key={f.id} className="flex items-center gap-2">
            <Input
              type="time"
              step={300}
              aria-label={`${name} period ${i + 1} opens`}
              className="w-32"
              {...register(`days.${day}.periods.${i}.start`)}
            />
            <span className="text-sm text-muted-foreground">to</span>
            <Input
              type="time"
              step={300}
              aria-label={`${name} period ${i + 1} closes`}
              className="w-32"
              {...register(`days.${day}.periods.${i}.end`)}
            />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={`Remove ${name} period ${i + 1}`}
              onClick={() => remove(i)}
            >
              <Trash2 aria-hidden />
            </Button>
          </div>
        ))}
        <div>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            aria-label={fields.length === 0 ? `Open ${name}` : `Add a period on ${name}`}
            onClick={() =>
              append(fields.length === 0 ? { start: "08:00", end: "17:00" } : { start: "13:00", end: "17:00" })
            }
          >
            <Plus aria-hidden />
            {fields.length === 0 ? "Open this day" : "Add a period"}
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
