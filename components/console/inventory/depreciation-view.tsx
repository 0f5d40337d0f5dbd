"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { Calculator, Download, Pencil, Plus, Trash2 } from "lucide-react";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { useTRPC } from "@/components/trpc/client";
import { METHOD_LABELS, METHODS, ruleSchema } from "@/server/modules/depreciation/schema";
import { DataList, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { errorMessage, formErrorOf } from "../errors";
import { formatDay, formatMonth } from "../format";
import { FormDialog } from "../form-dialog";
import type { RouterOutputs } from "../types";
import { useDialogForm, useSaveSubmit } from "../use-dialog-form";
import { useToastAction } from "../use-toast-action";
import { InventoryHeader, money } from "./parts";

// The depreciation page: the rules (per category, or per item), the charge per category and month
// for a year with its CSV for the accounting package, and every unit's book value today.

type RuleRow = RouterOutputs["depreciation"]["rules"]["list"]["rules"][number];
type UnitRow = RouterOutputs["depreciation"]["bookValues"]["rows"][number];

export function DepreciationView({ currency, canManage }: { currency: string; canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "year"]);
  const thisYear = new Date().getUTCFullYear();
  const year = Number(list.get("year") ?? thisYear) || thisYear;
  const rules = useQuery(trpc.depreciation.rules.list.queryOptions());
  const report = useQuery(
    trpc.depreciation.report.queryOptions(
      { from: `${year}-01`, to: `${year}-12` },
      { placeholderData: keepPreviousData },
    ),
  );
  const units = useQuery(
    trpc.depreciation.bookValues.queryOptions(
      { page: list.page, pageSize: 25, search: list.search || undefined },
      { placeholderData: keepPreviousData },
    ),
  );
  const [editing, setEditing] = React.useState<RuleRow | "new" | null>(null);
  const remove = useMutation(trpc.depreciation.rules.remove.mutationOptions());
  const act = useToastAction(trpc.depreciation.pathFilter());
  const r = report.data;
  const unitColumns: Columns<UnitRow> = [
    {
      label: "Serial",
      cellClassName: "font-mono text-xs",
      cell: (u) => (
        <Link className="underline" href={`/inventory/assets?serial=${encodeURIComponent(u.serial)}`}>
          {u.serial}
        </Link>
      ),
    },
    { label: "Item", cell: (u) => u.item.name },
    { label: "Rule", className: "hidden lg:table-cell", cell: (u) => u.rule ?? "No rule: carried at cost" },
    { label: "Months", className: "text-right", cellClassName: "tabular-nums", cell: (u) => u.monthsElapsed },
    {
      label: "Cost",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (u) => money(u.costMinor, currency),
    },
    {
      label: "Book value",
      className: "text-right",
      cellClassName: "tabular-nums",
      cell: (u) => (u.disposedOn ? `Disposed ${formatDay(u.disposedOn)}` : money(u.bookValueMinor, currency)),
    },
  ];
  return (
    <>
      <InventoryHeader
        title="Depreciation"
        description="How equipment loses value: a rule per category (or per item), each unit's book value traced to it, and the monthly charges for the accounts."
        actions={
          canManage ? (
            <Button onClick={() => setEditing("new")}>
              <Plus aria-hidden />
              Add rule
            </Button>
          ) : undefined
        }
      />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>Rules</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-2 text-sm">
          {rules.data?.rules.length ? (
            <ul aria-label="Depreciation rules" className="grid gap-1">
              {rules.data.rules.map((rule) => (
                <li key={rule.id} className="flex flex-wrap items-center gap-x-2">
                  <span className="font-medium">{rule.category ?? `${rule.item?.name} (item)`}</span>
                  <span>{rule.text}</span>
                  {canManage ? (
                    <>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Edit the rule for ${rule.category ?? rule.item?.name}`}
                        onClick={() => setEditing(rule)}
                      >
                        <Pencil aria-hidden />
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove the rule for ${rule.category ?? rule.item?.name}`}
                        onClick={() =>
                          act(async () => {
                            await remove.mutateAsync({ id: rule.id });
                            return "Rule removed";
                          })
                        }
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted-foreground">
              No rules yet: every unit is carried at cost.{" "}
              {canManage ? "Add a rule per item category with “Add rule”." : ""}
            </p>
          )}
          {rules.data?.uncovered.length ? (
            <p className="text-muted-foreground">
              Categories without a rule (carried at cost): {rules.data.uncovered.join(", ")}.
            </p>
          ) : null}
        </CardContent>
      </Card>
      <Card className="mb-6">
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
          <CardTitle>Charges per category and month</CardTitle>
          <div className="flex items-center gap-2">
            <NativeSelect
              aria-label="Year"
              value={String(year)}
              onChange={(e) => list.setFilter({ year: e.target.value })}
              className="w-28"
            >
              {Array.from({ length: 6 }, (_, i) => thisYear - 4 + i).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </NativeSelect>
            <Button asChild variant="outline">
              <a href={`/api/inventory/depreciation.csv?from=${year}-01&to=${year}-12`}>
                <Download aria-hidden />
                CSV for accounting
              </a>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          {report.error ? <p className="text-destructive text-sm">{errorMessage(report.error)}</p> : null}
          {r ? (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" aria-label="Depreciation report">
                <thead className="text-muted-foreground text-left">
                  <tr>
                    <th className="py-1 pr-2 font-normal">Category</th>
                    {r.months.map((m) => (
                      <th key={m} className="px-1 py-1 text-right font-normal">
                        {formatMonth(m)}
                      </th>
                    ))}
                    <th className="px-1 py-1 text-right font-normal">{year}</th>
                    <th className="px-1 py-1 text-right font-normal">Units</th>
                    <th className="px-1 py-1 text-right font-normal">Book value {formatDay(r.asOf)}</th>
                  </tr>
                </thead>
                <tbody className="tabular-nums">
                  {r.categories.map((c) => (
                    <tr key={c.category}>
                      <th
                        scope="row"
                        className="py-1 pr-2 text-left font-medium"
                        title={c.rule ?? "No rule: carried at cost"}
                      >
                        {c.category}
                        <div className="text-muted-foreground text-xs font-normal">
                          {c.rule ?? "No rule: carried at cost"}
                        </div>
                      </th>
                      {c.charges.map((v, i) => (
                        <td key={r.months[i]} className="px-1 text-right">
                          {money(v, currency)}
                        </td>
                      ))}
                      <td className="px-1 text-right font-medium">{money(c.totalMinor, currency)}</td>
                      <td className="px-1 text-right">{c.units}</td>
                      <td className="px-1 text-right">{money(c.bookValueMinor, currency)}</td>
                    </tr>
                  ))}
                  <tr className="border-t font-medium">
                    <th scope="row" className="py-1 pr-2 text-left">
                      Total
                    </th>
                    {r.totals.charges.map((v, i) => (
                      <td key={r.months[i]} className="px-1 text-right">
                        {money(v, currency)}
                      </td>
                    ))}
                    <td className="px-1 text-right">{money(r.totals.totalMinor, currency)}</td>
                    <td className="px-1 text-right">{r.totals.units}</td>
                    <td className="px-1 text-right" data-testid="total-book-value">
                      {money(r.totals.bookValueMinor, currency)}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          ) : null}
        </CardContent>
      </Card>
      {r ? <DisposalsCard year={year} disposals={r.disposals} currency={currency} /> : null}
      <DataList
        query={units}
        data={units.data}
        noun={["unit", "units"]}
        toolbar={
          <ListToolbar>
            <SearchBox
              id="book-search"
              label="Search units"
              placeholder="Serial (start)"
              value={list.search}
              onSearch={list.setSearch}
            />
          </ListToolbar>
        }
        columns={unitColumns}
        rowKey={(u) => u.id}
        empty={{
          icon: <Calculator />,
          title: "No equipment yet",
          description: "Units join the books when a purchase order is received with their serials.",
        }}
        noMatch={
          list.filtered && { title: "No units match", description: "Try another serial.", onClear: list.clearFilters }
        }
        onPageChange={list.setPage}
      />
      {canManage ? (
        <RuleDialog openFor={editing} rule={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

type Disposal = RouterOutputs["depreciation"]["report"]["disposals"][number];

/** Units that left the books in the year: the book value they had then, the proceeds, the gain or loss. */
function DisposalsCard({ year, disposals, currency }: { year: number; disposals: Disposal[]; currency: string }) {
  const loss = disposals.reduce((t, d) => t + d.gainMinor, 0);
  return (
    <Card className="mb-6">
      <CardHeader>
        <CardTitle>Disposals and losses in {year}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm">
        {disposals.length ? (
          <div className="overflow-x-auto">
            <table className="w-full" aria-label="Disposals and losses">
              <thead className="text-muted-foreground text-left">
                <tr>
                  <th className="py-1 pr-2 font-normal">Date</th>
                  <th className="px-1 py-1 font-normal">Unit</th>
                  <th className="px-1 py-1 font-normal">What happened</th>
                  <th className="px-1 py-1 text-right font-normal">Cost</th>
                  <th className="px-1 py-1 text-right font-normal">Book value then</th>
                  <th className="px-1 py-1 text-right font-normal">Proceeds</th>
                  <th className="px-1 py-1 text-right font-normal">Gain or loss</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {disposals.map((d) => (
                  <tr key={d.id} className="align-top">
                    <td className="py-1 pr-2 whitespace-nowrap">{formatDay(d.disposedOn)}</td>
                    <td className="px-1 py-1">
                      <Link
                        className="font-mono underline"
                        href={`/inventory/assets?serial=${encodeURIComponent(d.asset.serial)}`}
                      >
                        {d.asset.serial}
                      </Link>
                      <div className="text-muted-foreground text-xs">{d.asset.item}</div>
                    </td>
                    <td className="px-1 py-1">
                      <span className="font-medium">{d.kindLabel}</span>
                      {d.reason ? ` — ${d.reason}` : ""}
                      <div className="text-muted-foreground text-xs">{d.ruleText}</div>
                    </td>
                    <td className="px-1 py-1 text-right">{money(d.costMinor, currency)}</td>
                    <td className="px-1 py-1 text-right">{money(d.bookValueMinor, currency)}</td>
                    <td className="px-1 py-1 text-right">{money(d.proceedsMinor, currency)}</td>
                    <td className="px-1 py-1 text-right">
                      {d.gainMinor < 0
                        ? `Loss ${money(-d.gainMinor, currency)}`
                        : `Gain ${money(d.gainMinor, currency)}`}
                    </td>
                  </tr>
                ))}
                <tr className="border-t font-medium">
                  <th scope="row" colSpan={6} className="py-1 pr-2 text-left">
                    Net
                  </th>
                  <td className="px-1 text-right">
                    {loss < 0 ? `Loss ${money(-loss, currency)}` : `Gain ${money(loss, currency)}`}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-muted-foreground">
            No unit left the books in {year}. Dispose of a unit from its page (Inventory → Units); a stock count records
            the units it did not find here as lost, at their book value.
          </p>
        )}
      </CardContent>
    </Card>
  );
}

type RuleIn = z.input<typeof ruleSchema>;
type RuleOut = z.output<typeof ruleSchema>;

function RuleDialog({ openFor, rule, onClose }: { openFor: unknown; rule: RuleRow | null; onClose: () => void }) {
  const trpc = useTRPC();
  const items = useQuery(
    trpc.inventory.items.list.queryOptions({ pageSize: 100, tracking: "SERIAL" }, { enabled: !!openFor }),
  );
  const form = useDialogForm<RuleIn, RuleOut>(
    openFor,
    () => ({
      category: rule?.category ?? "",
      itemId: rule?.item?.id ?? "",
      method: rule?.method ?? "STRAIGHT_LINE",
      usefulLifeMonths: rule?.usefulLifeMonths ?? 36,
      salvageBp: rule?.salvageBp ?? 0,
    }),
    { resolver: zodResolver(ruleSchema) },
  );
  const save = useMutation(trpc.depreciation.rules.save.mutationOptions());
  const onSubmit = useSaveSubmit(form, {
    save: (data) => save.mutateAsync(data),
    refresh: trpc.depreciation.pathFilter(),
    saved: (data) => `Rule for ${data.category ?? "the item"} saved`,
    done: onClose,
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      open={!!openFor}
      onOpenChange={(o) => (o ? null : onClose())}
      title={rule ? "Edit depreciation rule" : "Add a depreciation rule"}
      description="For every item of a category, or for one item (which then ignores its category's rule)."
      onSubmit={onSubmit}
      formError={formErrorOf(form)}
      pending={save.isPending}
      submitLabel="Save rule"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Category" error={errors.category?.message} description="As on the items, e.g. ONT.">
          <Input autoComplete="off" disabled={!!rule} {...form.register("category")} />
        </FormField>
        <FormField label="… or one item" error={errors.itemId?.message}>
          <NativeSelect disabled={!!rule} {...form.register("itemId")} value={form.watch("itemId") ?? ""}>
            <option value="">—</option>
            {items.data?.rows.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Method" error={errors.method?.message}>
          <NativeSelect {...form.register("method")}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Useful life (months)" error={errors.usefulLifeMonths?.message}>
          <Input inputMode="numeric" {...form.register("usefulLifeMonths", { valueAsNumber: true })} />
        </FormField>
        <FormField
          label="Salvage (basis points of cost)"
          error={errors.salvageBp?.message}
          description="1000 = 10% of cost."
        >
          <Input inputMode="numeric" {...form.register("salvageBp", { valueAsNumber: true })} />
        </FormField>
      </div>
    </FormDialog>
  );
}
