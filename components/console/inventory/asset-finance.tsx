"use client";

import * as React from "react";
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import { currencyDigits } from "@/server/lib/money";
import { DISPOSAL_KINDS, DISPOSAL_LABELS, disposeSchema } from "@/server/modules/depreciation/schema";
import { formatWorkOrderNumber, STATUS_LABELS } from "@/server/modules/work-orders/schema";
import { checkResolver, fieldMessages, type FormCheck } from "../check-with";
import { formErrorOf } from "../errors";
import { formatDay, formatMonth } from "../format";
import { FormDialog } from "../form-dialog";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { money } from "./parts";

// A unit's money and upkeep, under its history on the units page: the book value traced to its
// depreciation rule (method, life, salvage, months elapsed), the monthly schedule, a disposal,
// and the preventive-maintenance work orders opened for it.

export function AssetFinance({
  assetId,
  currency,
  canManage,
}: {
  assetId: string;
  currency: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const schedule = useQuery(trpc.depreciation.asset.queryOptions({ assetId }));
  const history = useQuery(trpc.maintenance.history.queryOptions({ assetId }));
  const [showAll, setShowAll] = React.useState(false);
  const [disposing, setDisposing] = React.useState<object | null>(null);
  const s = schedule.data;
  return (
    <>
      <section aria-label="Depreciation" className="grid gap-2">
        <div className="flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold">Depreciation</h3>
          {canManage && s && !s.disposal && !s.replacedOn && s.asset.status !== "DEPLOYED" ? (
            <Button size="sm" variant="outline" onClick={() => setDisposing({})}>
              Dispose of unit
            </Button>
          ) : null}
        </div>
        {s ? (
          <>
            <p className="text-sm" data-testid="depreciation-rule">
              {s.explanation}
              {s.rule && !s.replacedOn
                ? ` (${s.rule.source === "item" ? "this item's own rule" : `the ${s.asset.item.category} rule`}).`
                : ""}
            </p>
            <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
              <Fact label="Cost" value={money(s.asset.costMinor, currency)} />
              <Fact label="Salvage value" value={s.rule ? money(s.rule.salvageMinor, currency) : "—"} />
              <Fact label={`Accumulated (as of ${formatDay(s.asOf)})`} value={money(s.accumulatedMinor, currency)} />
              <Fact
                label="Book value"
                value={<span data-testid="book-value">{money(s.bookValueMinor, currency)}</span>}
              />
              <Fact label="First month" value={formatMonth(s.asset.firstMonth)} />
              <Fact label="Months elapsed" value={s.rule ? `${s.monthsElapsed} of ${s.rule.usefulLifeMonths}` : "—"} />
            </dl>
            {s.disposal ? (
              <p className="text-sm">
                {s.disposal.kindLabel} on {formatDay(s.disposal.disposedOn)} for{" "}
                {money(s.disposal.proceedsMinor, currency)}: book value then{" "}
                {money(s.disposal.bookValueMinor, currency)}, {s.disposal.gainMinor >= 0 ? "gain" : "loss"}{" "}
                {money(Math.abs(s.disposal.gainMinor), currency)} ({s.disposal.ruleText}).
              </p>
            ) : null}
            {s.rows.length ? (
              <div className="overflow-x-auto">
                <table className="w-full text-sm" aria-label="Depreciation schedule">
                  <thead className="text-muted-foreground text-left">
                    <tr>
                      <th className="py-1 font-normal">Month</th>
                      <th className="py-1 text-right font-normal">Charge</th>
                      <th className="py-1 text-right font-normal">Accumulated</th>
                      <th className="py-1 text-right font-normal">Book value</th>
                      <th className="py-1 font-normal"> </th>
                    </tr>
                  </thead>
                  <tbody className="tabular-nums">
                    {(showAll ? s.rows : s.rows.slice(Math.max(0, s.monthsElapsed - 3), s.monthsElapsed + 3)).map(
                      (r) => (
                        <tr key={r.month} className={r.posted ? "" : "text-muted-foreground"}>
                          <td className="py-0.5">{formatMonth(r.month)}</td>
                          <td className="py-0.5 text-right">{money(r.chargeMinor, currency)}</td>
                          <td className="py-0.5 text-right">{money(r.accumulatedMinor, currency)}</td>
                          <td className="py-0.5 text-right">{money(r.bookValueMinor, currency)}</td>
                          <td className="py-0.5 pl-2 text-xs">
                            {r.disposed
                              ? s.replacedOn
                                ? "after replacement"
                                : "after disposal"
                              : r.posted
                                ? "posted"
                                : "to come"}
                          </td>
                        </tr>
                      ),
                    )}
                  </tbody>
                </table>
                <Button variant="link" size="sm" className="px-0" onClick={() => setShowAll((v) => !v)}>
                  {showAll ? "Show the months around today" : `Show all ${s.rows.length} months`}
                </Button>
              </div>
            ) : null}
          </>
        ) : schedule.error ? (
          <p className="text-muted-foreground text-sm">Costs and depreciation are not shown to you.</p>
        ) : null}
      </section>
      <section aria-label="Maintenance history" className="grid gap-1">
        <h3 className="text-sm font-semibold">Maintenance</h3>
        {history.data?.length ? (
          <ol className="grid gap-1 text-sm">
            {history.data.map((h) => (
              <li key={h.id} className="flex flex-wrap gap-x-2">
                <span className="tabular-nums">due {formatDay(h.dueOn)}</span>
                <span className="font-medium">{h.plan.title}</span>
                {h.workOrder ? (
                  <Link className="underline" href={`/work-orders/${h.workOrder.id}`}>
                    {formatWorkOrderNumber(h.workOrder.number)}
                  </Link>
                ) : null}
                {h.workOrder ? <span>{STATUS_LABELS[h.workOrder.status]}</span> : null}
                {h.workOrder?.completionNotes ? (
                  <span className="text-muted-foreground">— {h.workOrder.completionNotes}</span>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-muted-foreground text-sm">
            No maintenance work orders yet. Plans are set on the{" "}
            <Link className="underline" href="/inventory/maintenance">
              maintenance page
            </Link>
            .
          </p>
        )}
      </section>
      {canManage && s ? (
        <DisposeDialog
          openFor={disposing}
          assetId={assetId}
          serial={s.asset.serial}
          currency={currency}
          today={s.asOf}
          onClose={() => setDisposing(null)}
        />
      ) : null}
    </>
  );
}

type DisposeValues = { kind: (typeof DISPOSAL_KINDS)[number]; disposedOn: string; proceeds: string; reason: string };
type DisposeOut = z.output<typeof disposeSchema>;

const disposeInputOf =
  (assetId: string, scale: number): FormCheck<DisposeValues, DisposeOut> =>
  (v) => {
    const proceeds = v.proceeds.trim() === "" ? 0 : Math.round(Number(v.proceeds.replace(/,/g, "")) * scale);
    const parsed = disposeSchema.safeParse({
      ...v,
      assetId,
      proceedsMinor: Number.isNaN(proceeds) ? undefined : proceeds,
    });
    return parsed.success
      ? { input: parsed.data }
      : { errors: fieldMessages(v, parsed.error.issues, { proceedsMinor: "proceeds" }) };
  };

function DisposeDialog({
  openFor,
  assetId,
  serial,
  currency,
  today,
  onClose,
}: {
  openFor: unknown;
  assetId: string;
  serial: string;
  currency: string;
  today: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const scale = 10 ** currencyDigits(currency);
  const form = useDialogForm<DisposeValues, DisposeOut>(
    openFor,
    () => ({ kind: "SOLD", disposedOn: today, proceeds: "", reason: "" }),
    { resolver: checkResolver(disposeInputOf(assetId, scale)) },
  );
  const dispose = useMutation(trpc.depreciation.dispose.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => dispose.mutateAsync(data),
    refresh: [trpc.depreciation.pathFilter(), trpc.inventory.pathFilter()],
    saved: (_, r) => ({
      title: `${serial} disposed of`,
      description: `Book value ${money(r.bookValueMinor, currency)}; ${r.gainMinor >= 0 ? "gain" : "loss"} ${money(Math.abs(r.gainMinor), currency)}.`,
    }),
    done: onClose,
    fieldNames: { proceedsMinor: "proceeds" },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      title={`Dispose of ${serial}`}
      description="The unit is written off the stock, and its book value on the day is set against what it brought in."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={dispose.isPending}
      submitLabel="Dispose of unit"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Sold or scrapped" error={errors.kind?.message}>
          <NativeSelect {...form.register("kind")}>
            {DISPOSAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {DISPOSAL_LABELS[k]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Date" error={errors.disposedOn?.message}>
          <Input type="date" {...form.register("disposedOn")} />
        </FormField>
        <FormField
          label={`Proceeds (${currency})`}
          error={errors.proceeds?.message}
          description="0 when scrapped for nothing."
        >
          <Input inputMode="decimal" {...form.register("proceeds")} />
        </FormField>
      </div>
      <FormField label="Note" error={errors.reason?.message}>
        <Input autoComplete="off" {...form.register("reason")} />
      </FormField>
    </FormDialog>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
