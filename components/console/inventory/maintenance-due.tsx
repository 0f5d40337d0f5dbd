"use client";

import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "../errors";
import { formatDay } from "../format";

// The look ahead under the plans: every unit or device whose maintenance is overdue or falls due
// in the next 30 days and has no work order yet, soonest first, with the day its job will open
// (server/modules/maintenance/service.ts, due). What already has a job is on the work orders.

const DAYS = 30;

export function MaintenanceDue() {
  const trpc = useTRPC();
  const due = useQuery(trpc.maintenance.due.queryOptions({ withinDays: DAYS }));
  return (
    <section aria-labelledby="maintenance-due" className="mt-6 grid gap-2">
      <h2 id="maintenance-due" className="font-medium">
        Due in the next {DAYS} days
      </h2>
      {due.error ? (
        <p role="alert">{errorMessage(due.error)}</p>
      ) : !due.data ? (
        <p className="text-sm text-muted-foreground">Loading…</p>
      ) : due.data.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          Nothing falls due by {formatDay(due.data.until)} that has no work order yet.
        </p>
      ) : (
        <Card className="overflow-hidden">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Due</TableHead>
                <TableHead>Task</TableHead>
                <TableHead>Unit or device</TableHead>
                <TableHead>Work order opens</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {due.data.rows.map((r) => (
                <TableRow key={`${r.plan.id} ${r.target.assetId ?? r.target.deviceId}`}>
                  <TableCell className="tabular-nums">
                    {formatDay(r.dueOn)} {r.overdue ? <Badge variant="destructive">Overdue</Badge> : null}
                  </TableCell>
                  <TableCell>{r.plan.title}</TableCell>
                  <TableCell>{r.target.name}</TableCell>
                  <TableCell className="tabular-nums">
                    {r.opensOn <= due.data.asOf ? "At the next run (hourly)" : formatDay(r.opensOn)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </section>
  );
}
