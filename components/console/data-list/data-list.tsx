"use client";

import * as React from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState, type EmptyStateProps } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/components/ui/cn";
import { QueryError } from "../errors";
import { DataTable, type Columns, type DataTableProps } from "./data-table";
import { countText, type ListPage, type Noun } from "./paging";

/** What a list needs to know about its query (a TanStack `useQuery` result fits). */
export type ListQueryState = {
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  isPlaceholderData: boolean;
  refetch: () => unknown;
};

/** What an empty list says; `action` is what to do next (e.g. a "New customer" button). */
export type ListEmpty = Pick<EmptyStateProps, "icon" | "title" | "description" | "action">;

/** What a filtered list that matched nothing says; `onClear` adds a "Clear filters" button. */
export type ListNoMatch = { title: React.ReactNode; description?: React.ReactNode; onClear?: () => void };

export type ListSkeletonProps = {
  /** Read out while loading, e.g. "Loading customers". */
  label: string;
  rows?: number;
  /** Classes of the bars in each row (default one full-width bar), e.g. `["h-4 w-24", "h-4 w-48"]`. */
  bars?: readonly string[];
};

/** Grey bars in the shape of the list while its first page loads. */
export function ListSkeleton({ label, rows = 5, bars }: ListSkeletonProps) {
  return (
    <div className="space-y-3 p-4" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) =>
        bars ? (
          <div key={i} className="flex items-center gap-4">
            {bars.map((b, j) => (
              <Skeleton key={j} className={b} />
            ))}
          </div>
        ) : (
          <Skeleton key={i} className="h-5 w-full" />
        ),
      )}
    </div>
  );
}

export type ListBodyProps<Row> = {
  query: ListQueryState;
  /** The rows, undefined until the first answer. */
  rows: readonly Row[] | undefined;
  /** Title of the error box, e.g. "Could not load customers". */
  errorTitle: string;
  skeleton: ListSkeletonProps;
  /** Shown when there are no rows: an EmptyState's parts, or an element of your own. */
  empty: ListEmpty | React.ReactElement;
  /** Replaces `empty` when set (the list is filtered): says nothing matches and offers to clear. */
  noMatch?: ListNoMatch | false | null;
  /** The rows, usually a DataTable. Faded while another page or filter loads. */
  children: (rows: readonly Row[]) => React.ReactNode;
};

/** The body of a list: an error, the loading skeleton, the empty state, or the rows. */
export function ListBody<Row>({ query, rows, errorTitle, skeleton, empty, noMatch, children }: ListBodyProps<Row>) {
  if (query.isError && !rows) {
    return (
      <div className="p-4">
        <QueryError title={errorTitle} error={query.error} onRetry={() => query.refetch()} />
      </div>
    );
  }
  if (!rows) return <ListSkeleton {...skeleton} />;
  if (rows.length === 0) {
    return (
      <div className="p-4">
        {noMatch ? (
          <NoMatch icon={React.isValidElement(empty) ? undefined : empty.icon} {...noMatch} />
        ) : React.isValidElement(empty) ? (
          empty
        ) : (
          <EmptyState {...empty} />
        )}
      </div>
    );
  }
  return (
    <div className={cn("transition-opacity", query.isFetching && query.isPlaceholderData && "opacity-60")}>
      {children(rows)}
    </div>
  );
}

function NoMatch({ icon, title, description, onClear }: ListNoMatch & { icon?: React.ReactNode }) {
  return (
    <EmptyState
      icon={icon}
      title={title}
      description={description}
      action={
        onClear ? (
          <Button variant="outline" onClick={onClear}>
            Clear filters
          </Button>
        ) : null
      }
    />
  );
}

export type ListFooterProps = {
  /** The page shown; nothing is rendered until it is there or when the list is empty. */
  page: Omit<ListPage<unknown>, "rows"> | undefined;
  noun: Noun;
  /** "120 customers" instead of "Showing 1–25 of 120 customers". */
  countOnly?: boolean;
  /** A spinner says the list is being refreshed; paging waits for it. */
  fetching?: boolean;
  onPageChange: (page: number) => void;
  /** Said after the count (e.g. that a search matched too many to list). */
  children?: React.ReactNode;
};

/** "Showing 1–25 of 120 customers" and the pager (when there is more than one page). */
export function ListFooter({ page, noun, countOnly, fetching, onPageChange, children }: ListFooterProps) {
  if (!page || page.total === 0) return null;
  return (
    <div className="flex flex-col gap-3 border-t p-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        {countText(page, noun, !countOnly)}
        {children}
        {fetching ? <Spinner label="Updating" /> : null}
      </p>
      {page.pageCount > 1 ? (
        <Pagination page={page.page} pageCount={page.pageCount} onPageChange={onPageChange} disabled={fetching} />
      ) : null}
    </div>
  );
}

export type DataListProps<Row, S extends string = never> = {
  /** The list query's state: errors, loading and refreshing are shown from it. */
  query: ListQueryState;
  /** The page to show (usually `query.data`); undefined while loading. */
  data: ListPage<Row> | undefined;
  /** What the list holds, e.g. `["customer", "customers"]`: "Showing 1–25 of 120 customers". */
  noun: Noun;
  /** Search box and filters (a ListToolbar), above the rows. */
  toolbar?: React.ReactNode;
  columns: Columns<Row, S>;
  rowKey: (row: Row) => string;
  sort?: DataTableProps<Row, S>["sort"];
  rowProps?: DataTableProps<Row, S>["rowProps"];
  rowDetail?: DataTableProps<Row, S>["rowDetail"];
  empty: ListBodyProps<Row>["empty"];
  noMatch?: ListBodyProps<Row>["noMatch"];
  /** Usually `list.setPage`. */
  onPageChange: (page: number) => void;
  /** Default "Could not load {many}". */
  errorTitle?: string;
  /** Loading skeleton: default five bars read out as "Loading {many}". */
  skeleton?: Partial<ListSkeletonProps>;
  /** Footer says "120 customers" without the range shown. */
  countOnly?: boolean;
  /** Said in the footer after the count. */
  footerNote?: React.ReactNode;
  /** Show nothing below the toolbar (its filters are invalid and it says why). */
  idle?: boolean;
  /** Classes on the card. */
  className?: string;
};

/**
 * A whole server-paged list in a card: toolbar, error/loading/empty states, a column-driven
 * table and the footer with the count and pager. See README.md beside this file.
 */
export function DataList<Row, S extends string = never>(props: DataListProps<Row, S>) {
  const { query, data, noun, toolbar, onPageChange, idle } = props;
  const [, many] = noun;
  return (
    <Card className={cn("overflow-hidden", props.className)}>
      {toolbar}
      {idle ? null : (
        <>
          <ListBody
            query={query}
            rows={data?.rows}
            errorTitle={props.errorTitle ?? `Could not load ${many}`}
            skeleton={{ label: `Loading ${many}`, ...props.skeleton }}
            empty={
              data && data.total > 0 ? (
                <PastTheEnd pageCount={data.pageCount} onPageChange={onPageChange} />
              ) : (
                props.empty
              )
            }
            noMatch={data && data.total > 0 ? null : props.noMatch}
          >
            {(rows) => (
              <DataTable
                rows={rows}
                columns={props.columns}
                rowKey={props.rowKey}
                sort={props.sort}
                rowProps={props.rowProps}
                rowDetail={props.rowDetail}
              />
            )}
          </ListBody>
          <ListFooter
            page={data}
            noun={noun}
            countOnly={props.countOnly}
            fetching={query.isFetching}
            onPageChange={onPageChange}
          >
            {props.footerNote}
          </ListFooter>
        </>
      )}
    </Card>
  );
}

/** A page past the end (an old link, or the last rows were just removed). */
function PastTheEnd({ pageCount, onPageChange }: { pageCount: number; onPageChange: (page: number) => void }) {
  return (
    <EmptyState
      title="Nothing on this page"
      description={`The list has ${pageCount === 1 ? "one page" : `${pageCount} pages`}.`}
      action={
        <Button variant="outline" onClick={() => onPageChange(1)}>
          Go to the first page
        </Button>
      }
    />
  );
}
