"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRight, ScrollText, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { QueryError } from "../errors";
import { formatDateTimeSeconds, zonedDayBoundary } from "../format";
import { OptionsList } from "../locale-fields";
import type { AuditRow } from "../types";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";

const PAGE_SIZE = 25;
const ENTITY_TYPES = ["Company", "User", "Invitation", "UserSession"];
const ACTOR_TYPES: Record<string, string> = { USER: "User", API: "API token", SYSTEM: "System", PLATFORM: "Platform operator" };

export function AuditView({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const action = url.get("action") ?? "";
  const entityType = url.get("entity") ?? "";
  const from = url.get("from") ?? "";
  const to = url.get("to") ?? "";

  const commitAction = React.useCallback((v: string) => url.set({ action: v.trim() || undefined, page: undefined }), [url]);
  const commitEntity = React.useCallback((v: string) => url.set({ entity: v.trim() || undefined, page: undefined }), [url]);
  const [actionText, setActionText] = useDebouncedInput(action, commitAction);
  const [entityText, setEntityText] = useDebouncedInput(entityType, commitEntity, 500);

  const fromDate = from ? zonedDayBoundary(from, timeZone, "start") : undefined;
  const toDate = to ? zonedDayBoundary(to, timeZone, "end") : undefined;
  const rangeError = fromDate && toDate && fromDate > toDate ? "The “From” date must be on or before the “To” date." : undefined;

  const query = useQuery(
    trpc.audit.list.queryOptions(
      { page, pageSize: PAGE_SIZE, action: action || undefined, entityType: entityType || undefined, from: fromDate, to: toDate },
      { placeholderData: keepPreviousData, enabled: !rangeError },
    ),
  );
  const data = query.data;
  const filtered = !!(action || entityType || from || to);
  const [open, setOpen] = React.useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change made in your company, by whom and from where. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
      />
      <Card className="overflow-hidden">
        <div className="grid gap-4 border-b p-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_10rem_10rem_auto] lg:items-start">
          <div className="grid gap-2">
            <Label htmlFor="audit-action">Action</Label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
              <Input
                id="audit-action"
                type="search"
                placeholder="e.g. user.invite"
                className="pl-9"
                value={actionText}
                onChange={(e) => setActionText(e.target.value)}
              />
            </div>
          </div>
          <FormField label="Entity type">
            <Input list="audit-entity-types" placeholder="e.g. User" value={entityText} onChange={(e) => setEntityText(e.target.value)} />
          </FormField>
          <OptionsList id="audit-entity-types" options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))} />
          <FormField label="From">
            <Input type="date" value={from} max={to || undefined} onChange={(e) => url.set({ from: e.target.value || undefined, page: undefined })} />
          </FormField>
          <FormField label="To" error={rangeError}>
            <Input type="date" value={to} min={from || undefined} onChange={(e) => url.set({ to: e.target.value || undefined, page: undefined })} />
          </FormField>
          <div className="flex items-end lg:pt-6">
            <Button
              variant="ghost"
              disabled={!filtered}
              onClick={() => url.set({ action: undefined, entity: undefined, from: undefined, to: undefined, page: undefined })}
            >
              Clear filters
            </Button>
          </div>
        </div>

        {rangeError ? null : query.isError && !data ? (
          <div className="p-4">
            <QueryError title="Could not load the audit log" error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : !data ? (
          <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading audit entries">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-6 w-full" />
            ))}
          </div>
        ) : data.rows.length === 0 ? (
          <div className="p-4">
            <EmptyState
              icon={<ScrollText />}
              title={filtered ? "No entries match these filters" : "Nothing recorded yet"}
              description={
                filtered
                  ? "Widen the date range or clear a filter. Entity types are matched exactly (e.g. User, Invitation, Company)."
                  : "Changes made in the console, such as invitations, role changes and settings, will appear here."
              }
            />
          </div>
        ) : (
          <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
            <Table>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead className="w-10 pl-4">
                    <span className="sr-only">Details</span>
                  </TableHead>
                  <TableHead>When</TableHead>
                  <TableHead>Actor</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead className="hidden md:table-cell">Entity</TableHead>
                  <TableHead className="hidden pr-4 lg:table-cell">IP address</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.rows.map((row) => (
                  <AuditRows key={row.id} row={row} timeZone={timeZone} expanded={open.has(row.id)} onToggle={() => toggle(row.id)} />
                ))}
              </TableBody>
            </Table>
          </div>
        )}

        {data && data.total > 0 && !rangeError ? (
          <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              {data.total === 1 ? "1 entry" : `${data.total} entries`}
              {query.isFetching ? <Spinner label="Updating" /> : null}
            </p>
            {data.pageCount > 1 ? (
              <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} />
            ) : null}
          </div>
        ) : null}
      </Card>
    </>
  );
}

function AuditRows({ row, timeZone, expanded, onToggle }: { row: AuditRow; timeZone: string; expanded: boolean; onToggle: () => void }) {
  const detailsId = `audit-${row.id}`;
  return (
    <>
      <TableRow className={cn("cursor-pointer", expanded && "border-b-0 bg-muted/40")} onClick={onToggle}>
        <TableCell className="pl-4">
          <Button
            variant="ghost"
            size="icon"
            className="size-7"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`${expanded ? "Hide" : "Show"} details of ${row.action}`}
            onClick={(e) => {
              e.stopPropagation();
              onToggle();
            }}
          >
            <ChevronRight aria-hidden className={cn("transition-transform", expanded && "rotate-90")} />
          </Button>
        </TableCell>
        <TableCell className="whitespace-nowrap">{formatDateTimeSeconds(row.createdAt, timeZone)}</TableCell>
        <TableCell>
          <div className="flex flex-wrap items-center gap-2">
            <span className="max-w-56 truncate">{row.actorLabel ?? "—"}</span>
            <Badge variant="outline" className="text-muted-foreground">
              {ACTOR_TYPES[row.actorType] ?? row.actorType}
            </Badge>
          </div>
        </TableCell>
        <TableCell>
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{row.action}</code>
        </TableCell>
        <TableCell className="hidden md:table-cell">
          <span className="font-medium">{row.entityType}</span>
          {row.entityId ? <span className="ml-1 font-mono text-xs text-muted-foreground">{row.entityId.slice(0, 10)}</span> : null}
        </TableCell>
        <TableCell className="hidden pr-4 font-mono text-xs text-muted-foreground lg:table-cell">{row.ip ?? "—"}</TableCell>
      </TableRow>
      {expanded ? (
        <TableRow id={detailsId} className="bg-muted/40 hover:bg-muted/40">
          <TableCell colSpan={6} className="px-4 pt-0 pb-4">
            <dl className="mb-3 grid gap-x-6 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
              <dt className="text-muted-foreground">Entity</dt>
              <dd className="font-mono break-all">
                {row.entityType}
                {row.entityId ? ` ${row.entityId}` : ""}
              </dd>
              {row.actorId ? (
                <>
                  <dt className="text-muted-foreground">Actor ID</dt>
                  <dd className="font-mono break-all">{row.actorId}</dd>
                </>
              ) : null}
              <dt className="text-muted-foreground">IP address</dt>
              <dd className="font-mono">{row.ip ?? "—"}</dd>
              {row.userAgent ? (
                <>
                  <dt className="text-muted-foreground">User agent</dt>
                  <dd className="break-all">{row.userAgent}</dd>
                </>
              ) : null}
            </dl>
            <div className="grid gap-3 md:grid-cols-2">
              <JsonBlock title="Before" value={row.before} />
              <JsonBlock title="After" value={row.after} />
            </div>
          </TableCell>
        </TableRow>
      ) : null}
    </>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="min-w-0 rounded-lg border bg-background">
      <p className="border-b px-3 py-1.5 text-xs font-medium text-muted-foreground">{title}</p>
      {value === null || value === undefined ? (
        <p className="px-3 py-2 text-xs text-muted-foreground">Nothing recorded</p>
      ) : (
        <pre className="max-h-80 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap break-all">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}
