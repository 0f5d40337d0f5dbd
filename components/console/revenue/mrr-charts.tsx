"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard } from "@/components/console/chart-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { currencyDigits, formatMoney } from "@/server/lib/money";
import type { MrrMonth } from "@/server/modules/revenue/mrr";
import { formatMonth } from "../format";
import { percent } from "./range";

// MRR per month, its movements (growth up, losses down) and the table behind both. The charts
// draw major units (recharts needs numbers); every figure a person reads is formatted from minor units.

export function MrrCharts({ mrr, currency }: { mrr: MrrMonth[]; currency: string }) {
  const scale = 10 ** currencyDigits(currency);
  const major = (minor: number) => minor / scale;
  const money = (minor: number) => formatMoney(minor, currency);
  const tooltip = (v: unknown) => formatMoney(Math.round(Number(v) * scale), currency);
  const mrrData = mrr.map((m) => ({ month: formatMonth(m.month), MRR: major(m.mrrMinor) }));
  const arpuData = mrr.map((m) => ({ month: formatMonth(m.month), ARPU: major(m.arpuMinor) }));
  const movementData = mrr.map((m) => ({
    month: formatMonth(m.month),
    New: major(m.newMinor),
    Reactivation: major(m.reactivationMinor),
    Expansion: major(m.expansionMinor),
    Contraction: -major(m.contractionMinor),
    Churn: -major(m.churnMinor),
  }));
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartCard
          title="Monthly recurring revenue"
          description="At the end of each month (today for the current one)."
          label={`MRR per month: ${mrr.map((m) => `${formatMonth(m.month)} ${money(m.mrrMinor)}`).join(", ")}`}
        >
          <LineChart data={mrrData} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={64} />
            <Tooltip formatter={tooltip} />
            <Line type="linear" dataKey="MRR" stroke="var(--color-primary)" strokeWidth={2} />
          </LineChart>
        </ChartCard>
        {/* ARPU is a few thousand beside an MRR of hundreds of thousands: on MRR's axis it would
            lie flat on the floor, so it has its own chart and scale. */}
        <ChartCard
          title="Average revenue per user"
          description="MRR ÷ paying customers at the end of each month."
          label={`ARPU per month: ${mrr.map((m) => `${formatMonth(m.month)} ${money(m.arpuMinor)}`).join(", ")}`}
        >
          <LineChart data={arpuData} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={64} domain={["auto", "auto"]} />
            <Tooltip formatter={tooltip} />
            <Line type="linear" dataKey="ARPU" stroke="var(--color-success)" strokeWidth={2} />
          </LineChart>
        </ChartCard>
        <ChartCard
          title="MRR movements"
          description="What each month added (above the line) and lost (below)."
          label={`MRR movements: ${mrr
            .map(
              (m) =>
                `${formatMonth(m.month)} new ${money(m.newMinor)}, expansion ${money(m.expansionMinor)}, reactivation ${money(m.reactivationMinor)}, contraction ${money(m.contractionMinor)}, churn ${money(m.churnMinor)}`,
            )
            .join("; ")}`}
        >
          <BarChart data={movementData} stackOffset="sign" margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={64} />
            <Tooltip formatter={tooltip} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <ReferenceLine y={0} stroke="var(--color-border)" />
            <Bar dataKey="New" stackId="m" fill="#16a34a" />
            <Bar dataKey="Reactivation" stackId="m" fill="#0ea5e9" />
            <Bar dataKey="Expansion" stackId="m" fill="#4f46e5" />
            <Bar dataKey="Contraction" stackId="m" fill="#f59e0b" />
            <Bar dataKey="Churn" stackId="m" fill="#dc2626" />
          </BarChart>
        </ChartCard>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Month by month</CardTitle>
          <CardDescription>
            Start + new + reactivation + expansion − contraction − churn = the month&apos;s MRR.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <div className="overflow-x-auto">
            {/* Eleven columns: the table scrolls sideways rather than break "Jun 2026" or an amount over two lines. */}
            <Table className="whitespace-nowrap">
              <TableHeader>
                <TableRow>
                  <TableHead>Month</TableHead>
                  <TableHead className="text-right">MRR</TableHead>
                  <TableHead className="text-right">New</TableHead>
                  <TableHead className="text-right">Reactivation</TableHead>
                  <TableHead className="text-right">Expansion</TableHead>
                  <TableHead className="text-right">Contraction</TableHead>
                  <TableHead className="text-right">Churn</TableHead>
                  <TableHead className="text-right">Paying</TableHead>
                  <TableHead className="text-right">ARPU</TableHead>
                  <TableHead className="text-right">Logo churn</TableHead>
                  <TableHead className="text-right">Revenue churn</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {mrr.map((m) => (
                  <TableRow key={m.month}>
                    <TableCell className="font-medium">{formatMonth(m.month)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.mrrMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.newMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.reactivationMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.expansionMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.contractionMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.churnMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{m.payingCustomers}</TableCell>
                    <TableCell className="text-right tabular-nums">{money(m.arpuMinor)}</TableCell>
                    <TableCell className="text-right tabular-nums">{percent(m.logoChurnBps)}</TableCell>
                    <TableCell className="text-right tabular-nums">{percent(m.revenueChurnBps)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </CardContent>
      </Card>
    </>
  );
}
