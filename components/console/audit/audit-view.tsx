"use client";

import * as React from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronRight, ScrollText } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { DataList, detailRowId, ListToolbar, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDateTimeSeconds, zonedDayBoundary } from "../format";
import { OptionsList } from "../locale-fields";
import type { AuditRow } from "../types";
import { useDebouncedInput } from "../use-url-state";

const PAGE_SIZE = 25;
const ENTITY_TYPES = ["Company", "User", "Invitation", "UserSession"];
const ACTOR_TYPES: Record<string, string> = {
  USER: "User",
  API: "API token",
  SYSTEM: "System",
  PLATFORM: "Platform operator",
};

export function AuditView({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const list = useListUrl(["action", "entity", "from", "to"]);
  const action = list.get("action") ?? "";
  const entityType = list.get("entity") ?? "";
  const from = list.get("from") ?? "";
  const to = list.get("to") ?? "";

  const { setFilter } = list;
  const commitEntity = React.useCallback((v: string) => setFilter({ entity: v.trim() || undefined }), [setFilter]);
  const [entityText, setEntityText] = useDebouncedInput(entityType, commitEntity, 500);

  const fromDate = from ? zonedDayBoundary(from, timeZone, "start") : undefined;
  const toDate = to ? zonedDayBoundary(to, timeZone, "end") : undefined;
  const rangeError =
    fromDate && toDate && fromDate > toDate ? "The “From” date must be on or before the “To” date." : undefined;

  const query = useQuery(
    trpc.audit.list.queryOptions(
      {
        page: list.page,
        pageSize: PAGE_SIZE,
        action: action || undefined,
        entityType: entityType || undefined,
        from: fromDate,
        to: toDate,
      },
      { placeholderData: keepPreviousData, enabled: !rangeError },
    ),
  );
  const [open, setOpen] = React.useState<Set<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: Columns<AuditRow> = [
    {
      label: "Details",
      hideLabel: true,
      className: "w-10",
      cell: (row) => {
        const expanded = open.has(row.id);
        return (
          <Button
            variant="ghost"
            size="icon"
            className="size-7"
            aria-expanded={expanded}
            aria-controls={detailRowId(row.id)}
            aria-label={`${expanded ? "Hide" : "Show"} details of ${row.action}`}
            onClick={(e) => {
              e.stopPropagation();
              toggle(row.id);
            }}
          >
            <ChevronRight aria-hidden className={cn("transition-transform", expanded && "rotate-90")} />
          </Button>
        );
      },
    },
    {
      label: "When",
      cellClassName: "whitespace-nowrap",
      cell: (row) => formatDateTimeSeconds(row.createdAt, timeZone),
    },
    {
      label: "Actor",
      cell: (row) => (
        <div className="flex flex-wrap items-center gap-2">
          <span className="max-w-56 truncate">{row.actorLabel ?? "—"}</span>
          <Badge variant="outline" className="text-muted-foreground">
            {ACTOR_TYPES[row.actorType] ?? row.actorType}
          </Badge>
        </div>
      ),
    },
    {
      label: "Action",
      cell: (row) => <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{row.action}</code>,
    },
    {
      label: "Entity",
      className: "hidden md:table-cell",
      cell: (row) => (
        <>
          <span className="font-medium">{row.entityType}</span>
          {row.entityId ? (
            <span className="ml-1 font-mono text-xs text-muted-foreground">{row.entityId.slice(0, 10)}</span>
          ) : null}
        </>
      ),
    },
    {
      label: "IP address",
      className: "hidden lg:table-cell",
      cellClassName: "font-mono text-xs text-muted-foreground",
      cell: (row) => row.ip ?? "—",
    },
  ];

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every change made in your company, by whom and from where. Times are shown in ${timeZone.replace(/_/g, " ")} time.`}
      />
      <DataList
        query={query}
        data={query.data}
        noun={["entry", "entries"]}
        countOnly
        idle={!!rangeError}
        errorTitle="Could not load the audit log"
        skeleton={{ label: "Loading audit entries", rows: 6, bars: ["h-6 w-full"] }}
        toolbar={
          <ListToolbar className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1.5fr)_10rem_10rem_auto] lg:items-start">
            <SearchBox
              id="audit-action"
              label="Action"
              placeholder="e.g. user.invite"
              value={action}
              onSearch={(v) => list.setFilter({ action: v.trim() || undefined })}
            />
            <FormField label="Entity type">
              <Input
                list="audit-entity-types"
                placeholder="e.g. User"
                value={entityText}
                onChange={(e) => setEntityText(e.target.value)}
              />
            </FormField>
            <OptionsList id="audit-entity-types" options={ENTITY_TYPES.map((t) => ({ value: t, label: t }))} />
            <FormField label="From">
              <Input
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => list.setFilter({ from: e.target.value })}
              />
            </FormField>
            <FormField label="To" error={rangeError}>
              <Input
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => list.setFilter({ to: e.target.value })}
              />
            </FormField>
            <div className="flex items-end lg:pt-6">
              <Button variant="ghost" disabled={!list.filtered} onClick={list.clearFilters}>
                Clear filters
              </Button>
            </div>
          </ListToolbar>
        }
        columns={columns}
        rowKey={(row) => row.id}
        rowProps={(row) => ({
          className: cn("cursor-pointer", open.has(row.id) && "border-b-0 bg-muted/40"),
          onClick: () => toggle(row.id),
        })}
        rowDetail={(row) => (open.has(row.id) ? <AuditDetails row={row} /> : null)}
        empty={{
          icon: <ScrollText />,
          title: "Nothing recorded yet",
          description: "Changes made in the console, such as invitations, role changes and settings, will appear here.",
        }}
        noMatch={
          list.filtered && {
            title: "No entries match these filters",
            description:
              "Widen the date range or clear a filter. Entity types are matched exactly (e.g. User, Invitation, Company).",
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

function AuditDetails({ row }: { row: AuditRow }) {
  return (
    <>
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
