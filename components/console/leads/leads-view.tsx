"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BellRing, Funnel, Plus, Search } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Pagination } from "@/components/ui/pagination";
import { NativeSelect } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { LEAD_SORTS, LEAD_SOURCES, LEAD_STAGES, SOURCE_LABELS, STAGE_LABELS } from "@/server/modules/leads/schema";
import { QueryError } from "../errors";
import { formatDate, formatDateTime } from "../format";
import { SortableHead, type SortDirection } from "../sortable-head";
import { pageFrom, useDebouncedInput, useUrlState } from "../use-url-state";
import { ConversionCard } from "./conversion-card";
import { LeadFormDialog } from "./lead-form-dialog";
import { StageBadge } from "./stage-badge";

type Stage = (typeof LEAD_STAGES)[number];
type Source = (typeof LEAD_SOURCES)[number];
type Sort = (typeof LEAD_SORTS)[number];
const PAGE_SIZE = 25;

export function LeadsView({ timeZone, viewerId, canManage }: { timeZone: string; viewerId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const url = useUrlState();
  const page = pageFrom(url.get("page"));
  const search = url.get("q") ?? "";
  const due = url.get("due") === "1";
  const stage = LEAD_STAGES.includes(url.get("stage") as Stage) ? (url.get("stage") as Stage) : undefined;
  const source = LEAD_SOURCES.includes(url.get("source") as Source) ? (url.get("source") as Source) : undefined;
  const ownerId = url.get("owner") || undefined;
  const sort: Sort = LEAD_SORTS.includes(url.get("sort") as Sort) ? (url.get("sort") as Sort) : due ? "followUpAt" : "createdAt";
  const direction: SortDirection = url.get("dir") === "asc" || url.get("dir") === "desc" ? (url.get("dir") as SortDirection) : sort === "createdAt" ? "desc" : "asc";

  const commitSearch = React.useCallback((q: string) => url.set({ q: q.trim() || undefined, page: undefined }), [url]);
  const [searchText, setSearchText] = useDebouncedInput(search, commitSearch);
  const query = useQuery(
    trpc.leads.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, stage: due ? undefined : stage, source, ownerId, due: due || undefined, sort, direction }, { placeholderData: keepPreviousData }),
  );
  const options = useQuery(trpc.leads.options.queryOptions());
  const dueCount = useQuery(trpc.leads.followUpsDue.queryOptions());
  const data = query.data;
  const filtered = !!search || !!stage || !!source || !!ownerId || due;
  const [creating, setCreating] = React.useState(false);
  const onSort = (column: Sort, dir: SortDirection) => url.set({ sort: column, dir, page: undefined });
  const allCount = data ? Object.values(data.stageCounts).reduce((n, c) => n + (c ?? 0), 0) : 0;

  return (
    <>
      <PageHeader
        title="Leads"
        description="Your sales pipeline: from first contact to a new customer."
        actions={
          canManage ? (
            <Button onClick={() => setCreating(true)}>
              <Plus aria-hidden />
              New lead
            </Button>
          ) : null
        }
      />

      <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label="Pipeline stages">
        <StageTab active={!stage && !due} onClick={() => url.set({ stage: undefined, due: undefined, page: undefined })} label="All" count={allCount} />
        {LEAD_STAGES.map((s) => (
          <StageTab key={s} active={stage === s && !due} onClick={() => url.set({ stage: s, due: undefined, page: undefined })} label={STAGE_LABELS[s]} count={data?.stageCounts[s] ?? 0} />
        ))}
        <Button variant={due ? "default" : "outline"} size="sm" onClick={() => url.set({ due: due ? undefined : "1", stage: undefined, sort: undefined, dir: undefined, page: undefined })}>
          <BellRing aria-hidden />
          Follow-ups due
          <Badge variant={due ? "secondary" : "warning"}>{dueCount.data?.length ?? "…"}</Badge>
        </Button>
      </div>

      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <Card className="min-w-0 overflow-hidden">
          <div className="grid gap-3 border-b p-4 sm:grid-cols-[1fr_11rem_11rem]">
            <div className="grid gap-2">
              <Label htmlFor="leads-search">Search leads</Label>
              <div className="relative">
                <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
                <Input id="leads-search" type="search" placeholder="Name, phone, e-mail, address or area" className="pl-9" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
              </div>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="leads-source">Source</Label>
              <NativeSelect id="leads-source" value={source ?? ""} onChange={(e) => url.set({ source: e.target.value || undefined, page: undefined })}>
                <option value="">All sources</option>
                {LEAD_SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABELS[s]}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="leads-owner">Owner</Label>
              <NativeSelect id="leads-owner" value={ownerId ?? ""} onChange={(e) => url.set({ owner: e.target.value || undefined, page: undefined })}>
                <option value="">Everyone</option>
                <option value={viewerId}>Me</option>
                <option value="none">Unassigned</option>
                {(options.data?.owners ?? [])
                  .filter((o) => o.id !== viewerId)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
              </NativeSelect>
            </div>
          </div>

          {query.isError && !data ? (
            <div className="p-4">
              <QueryError title="Could not load leads" error={query.error} onRetry={() => query.refetch()} />
            </div>
          ) : !data ? (
            <div className="space-y-3 p-4" aria-busy="true" aria-label="Loading leads">
              {Array.from({ length: 5 }, (_, i) => (
                <Skeleton key={i} className="h-5 w-full" />
              ))}
            </div>
          ) : data.rows.length === 0 ? (
            <div className="p-4">
              <EmptyState
                icon={<Funnel />}
                title={due ? "No follow-ups due" : filtered ? "No leads match" : "No leads yet"}
                description={
                  due
                    ? "Everyone has been followed up. Set a follow-up date on a lead to be reminded."
                    : filtered
                      ? "Try another search, stage, source or owner."
                      : canManage
                        ? "Add people who asked about a connection: walk-ins, calls, website enquiries."
                        : "Leads appear here once your sales colleagues add them."
                }
                action={
                  filtered ? (
                    <Button variant="outline" onClick={() => url.set({ q: undefined, stage: undefined, source: undefined, owner: undefined, due: undefined, page: undefined })}>
                      Clear filters
                    </Button>
                  ) : canManage ? (
                    <Button onClick={() => setCreating(true)}>
                      <Plus aria-hidden />
                      New lead
                    </Button>
                  ) : null
                }
              />
            </div>
          ) : (
            <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
              <Table>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <SortableHead column="name" label="Lead" sort={sort} direction={direction} onSort={onSort} className="pl-4" />
                    <SortableHead column="stage" label="Stage" sort={sort} direction={direction} onSort={onSort} />
                    <TableHead className="hidden md:table-cell">Source</TableHead>
                    <TableHead className="hidden lg:table-cell">Owner</TableHead>
                    <SortableHead column="followUpAt" label="Follow up" sort={sort} direction={direction} onSort={onSort} />
                    <SortableHead column="createdAt" label="Added" sort={sort} direction={direction} onSort={onSort} defaultDirection="desc" className="hidden pr-4 xl:table-cell" />
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.rows.map((l) => {
                    const overdue = l.followUpAt && new Date(l.followUpAt) <= new Date() && l.stage !== "WON" && l.stage !== "LOST";
                    return (
                      <TableRow key={l.id}>
                        <TableCell className="pl-4">
                          <Link href={`/leads/${l.id}`} className="font-medium hover:underline">
                            {l.name}
                          </Link>
                          <div className="text-xs text-muted-foreground">{[l.businessName, l.coverageArea, l.interestedPackage?.name].filter(Boolean).join(" · ") || l.phone || l.email}</div>
                        </TableCell>
                        <TableCell>
                          <StageBadge stage={l.stage} />
                        </TableCell>
                        <TableCell className="hidden text-muted-foreground md:table-cell">{SOURCE_LABELS[l.source]}</TableCell>
                        <TableCell className="hidden text-muted-foreground lg:table-cell">{l.owner?.name ?? "Unassigned"}</TableCell>
                        <TableCell className={cn("whitespace-nowrap", overdue ? "font-medium text-destructive" : "text-muted-foreground")}>{formatDateTime(l.followUpAt, timeZone)}</TableCell>
                        <TableCell className="hidden pr-4 whitespace-nowrap text-muted-foreground xl:table-cell">{formatDate(l.createdAt, timeZone)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}

          {data && data.total > 0 ? (
            <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
              <p className="flex items-center gap-2 text-sm text-muted-foreground">
                {data.total === 1 ? "1 lead" : `${data.total} leads`}
                {query.isFetching ? <Spinner label="Updating" /> : null}
              </p>
              {data.pageCount > 1 ? <Pagination page={data.page} pageCount={data.pageCount} onPageChange={(p) => url.set({ page: p === 1 ? undefined : p })} disabled={query.isFetching} /> : null}
            </div>
          ) : null}
        </Card>

        <ConversionCard />
      </div>

      {canManage ? <LeadFormDialog open={creating} onOpenChange={setCreating} lead={null} viewerId={viewerId} /> : null}
    </>
  );
}

function StageTab({ active, onClick, label, count }: { active: boolean; onClick: () => void; label: string; count: number }) {
  return (
    <Button variant={active ? "default" : "outline"} size="sm" onClick={onClick} aria-pressed={active}>
      {label}
      <Badge variant={active ? "secondary" : "outline"}>{count}</Badge>
    </Button>
  );
}
