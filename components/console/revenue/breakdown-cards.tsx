"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableRow } from "@/components/ui/table";
import { currencyDigits, formatMoney } from "@/server/lib/money";
import type { RevenueOverview } from "@/server/modules/revenue/service";
import { formatDay } from "../format";
import { percent } from "./range";

// What was invoiced in the months, by package and by area, and how much of it is paid.

type Row = { name: string; revenueMinor: number };

function RevenueBars({ rows, currency, label }: { rows: Row[]; currency: string; label: string }) {
  const scale = 10 ** currencyDigits(currency);
  const total = rows.reduce((s, r) => s + r.revenueMinor, 0);
  return (
    <div className="grid gap-4">
      <div
        className="h-56 w-full"
        role="img"
        aria-label={`${label}: ${rows.map((r) => `${r.name} ${formatMoney(r.revenueMinor, currency)}`).join(", ")}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={rows.slice(0, 10).map((r) => ({ name: r.name, Revenue: r.revenueMinor / scale }))}
            layout="vertical"
            margin={{ top: 0, right: 8, left: 8, bottom: 0 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={110} />
            <Tooltip formatter={(v) => formatMoney(Math.round(Number(v) * scale), currency)} />
            <Bar dataKey="Revenue" fill="var(--color-primary)" radius={[0, 3, 3, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell>{r.name}</TableCell>
              <TableCell className="text-right tabular-nums">{formatMoney(r.revenueMinor, currency)}</TableCell>
              <TableCell className="w-20 text-right tabular-nums text-muted-foreground">
                {percent(total > 0 ? Math.round((r.revenueMinor * 10_000) / total) : null)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

const NOTHING = "No invoices were issued in these months. Run billing, or choose other months.";

export function RevenueByPackageCard({ rows, currency }: { rows: RevenueOverview["byPackage"]; currency: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Revenue per package</CardTitle>
        <CardDescription>Invoiced without tax; setup fees and one-off charges are “Other charges”.</CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{NOTHING}</p>
        ) : (
          <RevenueBars rows={rows} currency={currency} label="Revenue per package" />
        )}
      </CardContent>
    </Card>
  );
}

export function RevenueByAreaCard({ rows, currency }: { rows: RevenueOverview["byArea"]; currency: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Revenue per area</CardTitle>
        <CardDescription>
          The coverage area (from your team&apos;s profiles) named in each customer&apos;s service address.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{NOTHING}</p>
        ) : (
          <RevenueBars
            rows={rows.map((r) => ({ name: r.area, revenueMinor: r.revenueMinor }))}
            currency={currency}
            label="Revenue per area"
          />
        )}
      </CardContent>
    </Card>
  );
}

export function CollectionCard({
  collection,
  currency,
  period,
}: {
  collection: RevenueOverview["collection"];
  currency: string;
  period: { from: string; to: string };
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Collection rate</CardTitle>
        <CardDescription>
          Of what was invoiced from {formatDay(period.from)} to {formatDay(period.to)} (with tax, less credit notes),
          the share paid so far.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-baseline gap-x-8 gap-y-2">
        <p className="text-3xl font-semibold tabular-nums">{percent(collection.rateBps)}</p>
        <p className="text-sm text-muted-foreground">
          {formatMoney(collection.paidMinor, currency)} paid of{" "}
          {formatMoney(collection.invoicedMinor - collection.creditedMinor, currency)} on {collection.invoices} invoice
          {collection.invoices === 1 ? "" : "s"}
          {collection.creditedMinor > 0 ? ` (${formatMoney(collection.creditedMinor, currency)} credited)` : ""}
        </p>
        {collection.writtenOffInvoices > 0 ? (
          <p className="text-sm text-muted-foreground">
            Bad debt: {formatMoney(collection.badDebtMinor, currency)} written off on {collection.writtenOffInvoices}{" "}
            invoice{collection.writtenOffInvoices === 1 ? "" : "s"}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
