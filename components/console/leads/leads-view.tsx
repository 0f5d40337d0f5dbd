"use client";

import * as React from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BellRing, Funnel, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LEAD_SORTS, LEAD_SOURCES, LEAD_STAGES, SOURCE_LABELS, STAGE_LABELS } from "@/server/modules/leads/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { leadsListInput, leadsSorting } from "./list-query";
import { formatDate, formatDateTime } from "../format";
import type { RouterOutputs } from "../types";
import { ConversionCard } from "./conversion-card";
import { LeadFormDialog } from "./lead-form-dialog";
import { StageBadge } from "./stage-badge";

type Row = RouterOutputs["leads"]["list"]["rows"][number];
type Sort = (typeof LEAD_SORTS)[number];

export function LeadsView({
  timeZone,
  viewerId,
  canManage,
}: {
  timeZone: string;
  viewerId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "stage", "source", "owner", "due"]);
  const due = list.get("due") === "1";
  const stage = list.oneOf("stage", LEAD_STAGES);
  const { source, ownerId } = leadsListInput(list);
  const sorting = list.sorting(LEAD_SORTS, leadsSorting(list));
  const query = useQuery(trpc.leads.list.queryOptions(leadsListInput(list), { placeholderData: keepPreviousData }));
  const options = useQuery(trpc.leads.options.queryOptions());
  const dueCount = useQuery(trpc.leads.followUpsDue.queryOptions());
  const data = query.data;
  const [creating, setCreating] = React.useState(false);
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
        <StageTab
          active={!stage && !due}
          onClick={() => list.setFilter({ stage: undefined, due: undefined })}
          label="All"
          count={allCount}
        />
        {LEAD_STAGES.map((s) => (
          <StageTab
            key={s}
            active={stage === s && !due}
            onClick={() => list.setFilter({ stage: s, due: undefined })}
            label={STAGE_LABELS[s]}
            count={data?.stageCounts[s] ?? 0}
          />
        ))}
        <Button
          variant={due ? "default" : "outline"}
          size="sm"
          onClick={() =>
            list.setFilter({ due: due ? undefined : "1", stage: undefined, sort: undefined, dir: undefined })
          }
        >
          <BellRing aria-hidden />
          Follow-ups due
          <Badge variant={due ? "secondary" : "warning"}>{dueCount.data?.length ?? "…"}</Badge>
        </Button>
      </div>

      <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
        <DataList
          className="min-w-0"
          query={query}
          data={data}
          noun={["lead", "leads"]}
          countOnly
          toolbar={
            <ListToolbar className="grid gap-3 sm:grid-cols-[1fr_11rem_11rem]">
              <SearchBox
                id="leads-search"
                label="Search leads"
                placeholder="Name, phone, e-mail, address or area"
                value={list.search}
                onSearch={list.setSearch}
              />
              <FilterSelect
                id="leads-source"
                label="Source"
                allLabel="All sources"
                value={source}
                onChange={(v) => list.setFilter({ source: v })}
                options={optionsFrom(LEAD_SOURCES, SOURCE_LABELS)}
              />
              <FilterSelect
                id="leads-owner"
                label="Owner"
                allLabel="Everyone"
                value={ownerId}
                onChange={(v) => list.setFilter({ owner: v })}
                options={[
                  { value: viewerId, label: "Me" },
                  { value: "none", label: "Unassigned" },
                  ...(options.data?.owners ?? [])
                    .filter((o) => o.id !== viewerId)
                    .map((o) => ({ value: o.id, label: o.name })),
                ]}
              />
            </ListToolbar>
          }
          columns={leadColumns(timeZone)}
          rowKey={(l) => l.id}
          sort={sorting}
          empty={{
            icon: <Funnel />,
            title: "No leads yet",
            description: canManage
              ? "Add people who asked about a connection: walk-ins, calls, website enquiries."
              : "Leads appear here once your sales colleagues add them.",
            action: canManage ? (
              <Button onClick={() => setCreating(true)}>
                <Plus aria-hidden />
                New lead
              </Button>
            ) : null,
          }}
          noMatch={
            due
              ? {
                  title: "No follow-ups due",
                  description: "Everyone has been followed up. Set a follow-up date on a lead to be reminded.",
                  onClear: list.clearFilters,
                }
              : list.filtered && {
                  title: "No leads match",
                  description: "Try another search, stage, source or owner.",
                  onClear: list.clearFilters,
                }
          }
          onPageChange={list.setPage}
        />

        <ConversionCard />
      </div>

      {canManage ? <LeadFormDialog open={creating} onOpenChange={setCreating} lead={null} viewerId={viewerId} /> : null}
    </>
  );
}

function leadColumns(timeZone: string): Columns<Row, Sort> {
  return [
    {
      label: "Lead",
      sort: "name",
      cell: (l) => (
        <>
          <Link href={`/leads/${l.id}`} className="font-medium hover:underline">
            {l.name}
          </Link>
          <div className="text-xs text-muted-foreground">
            {[l.businessName, l.coverageArea, l.interestedPackage?.name].filter(Boolean).join(" · ") ||
              l.phone ||
              l.email}
          </div>
        </>
      ),
    },
    { label: "Stage", sort: "stage", cell: (l) => <StageBadge stage={l.stage} /> },
    {
      label: "Source",
      className: "hidden md:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (l) => SOURCE_LABELS[l.source],
    },
    {
      label: "Owner",
      className: "hidden lg:table-cell",
      cellClassName: "text-muted-foreground",
      cell: (l) => l.owner?.name ?? "Unassigned",
    },
    {
      label: "Follow up",
      sort: "followUpAt",
      cellClassName: (l) =>
        cn("whitespace-nowrap", isOverdue(l) ? "font-medium text-destructive" : "text-muted-foreground"),
      cell: (l) => formatDateTime(l.followUpAt, timeZone),
    },
    {
      label: "Added",
      sort: "createdAt",
      className: "hidden xl:table-cell",
      cellClassName: "whitespace-nowrap text-muted-foreground",
      cell: (l) => formatDate(l.createdAt, timeZone),
    },
  ];
}

function isOverdue(l: Row): boolean {
  return !!l.followUpAt && new Date(l.followUpAt) <= new Date() && l.stage !== "WON" && l.stage !== "LOST";
}

function StageTab({
  active,
  onClick,
  label,
  count,
}: {
  active: boolean;
  onClick: () => void;
  label: string;
  count: number;
}) {
  return (
    <Button variant={active ? "default" : "outline"} size="sm" onClick={onClick} aria-pressed={active}>
      {label}
      <Badge variant={active ? "secondary" : "outline"}>{count}</Badge>
    </Button>
  );
}
