"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CalendarDays, Wrench, Users } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { AVAILABILITIES, AVAILABILITY_LABELS, STAFF_SORTS } from "@/server/modules/staff/schema";
import { ROLE_LABELS } from "@/server/auth/permissions";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { AvailabilityBadge, LoadMeter, ShiftBadge } from "./badges";
import type { StaffRow } from "./types";

type Sort = (typeof STAFF_SORTS)[number];
const PAGE_SIZE = 25;

export type TeamViewProps = { timeZone: string; canManage: boolean };

/** The team: who is available, what they can do, how loaded they are and who is on shift. */
export function TeamView({ timeZone, canManage }: TeamViewProps) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "availability", "skill", "area", "shift"]);
  const availability = list.oneOf("availability", AVAILABILITIES);
  const skillId = list.get("skill") || undefined;
  const area = list.get("area") || undefined;
  const onShift = list.get("shift") === "now" ? true : undefined;
  const sorting = list.sorting(STAFF_SORTS, { fallback: "name", descending: ["load"] });
  const query = useQuery(
    trpc.staff.list.queryOptions(
      {
        search: list.search || undefined,
        availability,
        skillId,
        area,
        onShift,
        sort: sorting.sort,
        direction: sorting.direction,
        page: list.page,
        pageSize: PAGE_SIZE,
      },
      { placeholderData: keepPreviousData, refetchInterval: 60_000 },
    ),
  );
  const skills = useQuery(trpc.staff.skills.queryOptions());
  const areas = query.data?.areas ?? [];
  const summary = query.data?.summary;

  return (
    <>
      <PageHeader
        title="Team"
        description="Who is available, what they can do, how many open tickets they carry, and who is on shift now. Routing uses exactly this."
        actions={
          <>
            <Button variant="outline" asChild>
              <Link href="/team/skills">
                <Wrench aria-hidden />
                Skills
              </Link>
            </Button>
            <Button asChild>
              <Link href="/team/shifts">
                <CalendarDays aria-hidden />
                Shift planner
              </Link>
            </Button>
          </>
        }
      />
      {summary ? (
        <ul className="mb-4 flex flex-wrap gap-2 text-sm" aria-label="Team at a glance">
          <Fact label="on shift now" value={summary.onShift} />
          <Fact label="on call now" value={summary.onCall} />
          <Fact label="overloaded" value={summary.overloaded} tone={summary.overloaded > 0 ? "bad" : undefined} />
          {summary.withoutProfile > 0 ? (
            <Fact
              label={`without a staff profile${canManage ? " (routing skips them)" : ""}`}
              value={summary.withoutProfile}
              tone="warn"
            />
          ) : null}
        </ul>
      ) : null}

      <DataList
        query={query}
        data={query.data}
        noun={["staff member", "staff members"]}
        toolbar={
          <ListToolbar className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_10rem_11rem_10rem_9rem]">
            <SearchBox
              id="team-search"
              label="Search"
              placeholder="Name, e-mail or job title"
              value={list.search}
              onSearch={list.setSearch}
              className=""
            />
            <FilterSelect
              id="team-availability"
              label="Availability"
              allLabel="Anyone"
              value={availability}
              onChange={(v) => list.setFilter({ availability: v })}
              options={optionsFrom(AVAILABILITIES, AVAILABILITY_LABELS)}
            />
            <FilterSelect
              id="team-skill"
              label="Skill"
              allLabel="Any skill"
              value={skillId}
              onChange={(v) => list.setFilter({ skill: v })}
              options={(skills.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
            <FilterSelect
              id="team-area"
              label="Coverage area"
              allLabel="Any area"
              value={area}
              onChange={(v) => list.setFilter({ area: v })}
              options={areas.map((a) => ({ value: a, label: a }))}
            />
            <FilterSelect
              id="team-shift"
              label="Shift"
              allLabel="Anytime"
              value={onShift ? "now" : undefined}
              onChange={(v) => list.setFilter({ shift: v })}
              options={[{ value: "now", label: "On shift now" }]}
            />
          </ListToolbar>
        }
        columns={columns(timeZone)}
        rowKey={(r) => r.userId}
        sort={sorting}
        rowProps={(r) => ({ className: cn(r.overloaded && "bg-destructive/5 hover:bg-destructive/10") })}
        skeleton={{ rows: 5, bars: ["h-4 w-40", "h-5 w-20", "hidden h-4 w-48 md:block", "h-4 w-24", "h-5 w-16"] }}
        empty={{
          icon: <Users />,
          title: "No staff yet",
          description:
            "Invite your colleagues from Users; once they have accounts, give them a staff profile here so tickets can be routed to them.",
          action: (
            <Button variant="outline" asChild>
              <Link href="/users">Go to Users</Link>
            </Button>
          ),
        }}
        noMatch={
          list.filtered && {
            title: "Nobody matches",
            description: "Try another skill, area or availability, or clear the filters.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

function Fact({ label, value, tone }: { label: string; value: number; tone?: "bad" | "warn" }) {
  return (
    <li
      className={cn(
        "rounded-md border px-3 py-1.5",
        tone === "bad" && "border-destructive/40 bg-destructive/5 text-destructive",
        tone === "warn" && "border-amber-300 bg-amber-50 text-amber-900",
      )}
    >
      <span className="font-semibold">{value}</span> {label}
    </li>
  );
}

function columns(timeZone: string): Columns<StaffRow, Sort> {
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  return [
    {
      label: "Name",
      sort: "name",
      cell: (r) => (
        <div className="min-w-40">
          <Link href={`/team/${r.userId}`} className="font-medium hover:underline">
            {r.name}
          </Link>
          <div className="text-xs text-muted-foreground">{r.title ?? ROLE_LABELS[r.role]}</div>
          {r.certificatesExpired + r.certificatesExpiring > 0 ? (
            <div className="mt-1 flex flex-wrap gap-1">
              {r.certificatesExpired > 0 ? (
                <Badge variant="destructive">
                  {r.certificatesExpired} certificate{r.certificatesExpired === 1 ? "" : "s"} expired
                </Badge>
              ) : null}
              {r.certificatesExpiring > 0 ? (
                <Badge variant="warning">{r.certificatesExpiring} expiring soon</Badge>
              ) : null}
            </div>
          ) : null}
        </div>
      ),
    },
    { label: "Availability", sort: "availability", cell: (r) => <AvailabilityBadge availability={r.availability} /> },
    {
      label: "Skills",
      className: "hidden md:table-cell",
      cell: (r) =>
        r.skills.length ? (
          <div className="flex max-w-72 flex-wrap gap-1">
            {r.skills.map((s) => (
              <Badge key={s.skillId} variant="outline" title={`Level ${s.level} of 5`}>
                {s.name} · {s.level}
              </Badge>
            ))}
          </div>
        ) : (
          <span className="text-sm text-muted-foreground">—</span>
        ),
    },
    {
      label: "Areas",
      className: "hidden xl:table-cell",
      cellClassName: "max-w-48 text-sm text-muted-foreground",
      cell: (r) => (r.areas.length ? r.areas.join(", ") : "—"),
    },
    { label: "Open tickets", sort: "load", cell: (r) => <LoadMeter open={r.openTickets} max={r.maxOpenTickets} /> },
    {
      label: "Shift",
      className: "hidden sm:table-cell",
      cell: (r) => (
        <div className="grid gap-0.5">
          <ShiftBadge onShift={r.onShift} onCall={r.onCall} />
          {r.shiftEndsAt ? (
            <span className="text-xs text-muted-foreground">until {time.format(new Date(r.shiftEndsAt))}</span>
          ) : null}
        </div>
      ),
    },
  ];
}
