"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BookOpen, FolderTree, Plus } from "lucide-react";
import { useTRPC } from "@/components/trpc/client";
import { PageHeader } from "@/components/layout/page-header";
import { Snippet } from "@/components/kb/snippet";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ARTICLE_STATES, STATE_LABELS, VISIBILITIES } from "@/server/modules/kb/schema";
import { DataList, FilterSelect, ListToolbar, optionsFrom, SearchBox, useListUrl, type Columns } from "../data-list";
import { formatDate } from "../format";
import type { RouterOutputs } from "../types";

type Row = RouterOutputs["kb"]["list"]["rows"][number];
const PAGE_SIZE = 25;
const VISIBILITY_FILTER_LABELS = { PUBLIC: "Public", INTERNAL: "Internal" } as const;

export function KbView({ timeZone, canManage }: { timeZone: string; canManage: boolean }) {
  const trpc = useTRPC();
  const list = useListUrl(["q", "category", "state", "visibility"]);
  const categories = useQuery(trpc.kb.categories.queryOptions());
  const categoryId = list.get("category") || undefined;
  const state = list.oneOf("state", ARTICLE_STATES);
  const visibility = list.oneOf("visibility", VISIBILITIES);
  const query = useQuery(
    trpc.kb.list.queryOptions(
      { search: list.search || undefined, categoryId, state, visibility, page: list.page, pageSize: PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );

  const newButton = canManage ? (
    <Button asChild>
      <Link href="/kb/new">
        <Plus aria-hidden />
        New article
      </Link>
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Knowledge base"
        description={
          list.search
            ? "Best matches first: words in the title count most."
            : "How-to articles: public ones also help customers in the portal."
        }
        actions={
          <>
            {canManage ? (
              <Button variant="outline" asChild>
                <Link href="/kb/categories">
                  <FolderTree aria-hidden />
                  Categories
                </Link>
              </Button>
            ) : null}
            {newButton}
          </>
        }
      />
      <DataList
        query={query}
        data={query.data}
        noun={["article", "articles"]}
        toolbar={
          <ListToolbar className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_12rem_9rem_9rem]">
            <SearchBox
              id="kb-search"
              label="Search articles"
              placeholder='e.g. router restart, "optical power", pppoe -mikrotik'
              value={list.search}
              onSearch={list.setSearch}
              className=""
            />
            <FilterSelect
              id="kb-category"
              label="Category"
              allLabel="All categories"
              value={categoryId}
              onChange={(v) => list.setFilter({ category: v })}
              options={[
                ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
                { value: "none", label: "No category" },
              ]}
            />
            <FilterSelect
              id="kb-state"
              label="State"
              allLabel="Any"
              value={state}
              onChange={(v) => list.setFilter({ state: v })}
              options={optionsFrom(ARTICLE_STATES, STATE_LABELS)}
            />
            <FilterSelect
              id="kb-visibility"
              label="Audience"
              allLabel="Everyone"
              value={visibility}
              onChange={(v) => list.setFilter({ visibility: v })}
              options={optionsFrom(VISIBILITIES, VISIBILITY_FILTER_LABELS)}
            />
          </ListToolbar>
        }
        columns={columns(timeZone)}
        rowKey={(a) => a.id}
        skeleton={{ rows: 5, bars: ["h-4 w-72", "hidden h-4 w-32 md:block", "h-5 w-16"] }}
        empty={{
          icon: <BookOpen />,
          title: "No articles yet",
          description: canManage
            ? "Write down what your team explains every day: restarting a router, PPPoE settings, paying a bill."
            : "Articles appear here once your colleagues write them.",
          action: newButton,
        }}
        noMatch={
          list.filtered && {
            title: "No articles match",
            description: "Try fewer or other words, or clear the filters.",
            onClear: list.clearFilters,
          }
        }
        onPageChange={list.setPage}
      />
    </>
  );
}

function columns(timeZone: string): Columns<Row> {
  return [
    {
      label: "Article",
      cell: (a) => (
        <div className="max-w-2xl">
          <Link href={`/kb/${a.id}`} className="font-medium hover:underline">
            {a.title}
          </Link>
          <Snippet parts={a.snippet} className="mt-1 line-clamp-2 text-sm text-muted-foreground" />
        </div>
      ),
    },
    {
      label: "Category",
      className: "hidden md:table-cell",
      cellClassName: "text-sm text-muted-foreground",
      cell: (a) => a.category?.name ?? "—",
    },
    {
      label: "State",
      cell: (a) => (
        <div className="flex flex-wrap gap-1">
          <Badge variant={a.published ? "success" : "outline"}>{a.published ? "Published" : "Draft"}</Badge>
          <Badge variant={a.visibility === "PUBLIC" ? "secondary" : "outline"}>
            {a.visibility === "PUBLIC" ? "Public" : "Internal"}
          </Badge>
        </div>
      ),
    },
    {
      label: "Views",
      className: "hidden lg:table-cell text-right",
      cellClassName: "tabular-nums text-sm",
      cell: (a) => a.views,
    },
    {
      label: "Updated",
      className: "hidden lg:table-cell",
      cellClassName: "whitespace-nowrap text-sm text-muted-foreground",
      cell: (a) => formatDate(a.updatedAt, timeZone),
    },
  ];
}
